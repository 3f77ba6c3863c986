using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace NewsMonitor.Delivery;

/// <summary>RFC 5322 messages with a multipart/alternative body (plain text first, then HTML).</summary>
public static class MimeMessageFactory
{
    public static MimeMessage Create(EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(message.From.Name ?? "", message.From.Address));
        mime.To.Add(new MailboxAddress(message.To.Name ?? "", message.To.Address));
        mime.Subject = message.Subject;
        mime.MessageId = MessageIdFor(message.DigestKey, message.From.Address);
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    /// <summary>The same digest always gets the same Message-ID, so a resend is recognisable as one.</summary>
    public static string MessageIdFor(string digestKey, string fromAddress)
    {
        var domain = fromAddress.Contains('@', StringComparison.Ordinal) ? fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..] : "localhost";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digestKey)).AsSpan(0, 12));
        return $"digest.{hash}@{domain}";
    }
}

using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace NewsMonitor.Delivery;

/// <summary>RFC 5322 messages with a multipart/alternative body (plain text first, then HTML).</summary>
public static class MimeMessageFactory
{
    /// <summary>RFC 5322 recommends lines of at most 78 characters (998 is the hard limit).</summary>
    public const int MaxLineLength = 78;

    /// <summary>How a message is written to a file: CRLF line ends, as on the wire, on every platform.</summary>
    public static readonly FormatOptions FileFormat = CreateFileFormat();

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

        // Feeds put any text and any line length in a digest: both parts become quoted-printable or base64 with
        // short lines, so the message is valid as it stands (a pickup file is handed on without an SMTP client's help).
        mime.Prepare(EncodingConstraint.SevenBit, MaxLineLength);
        return mime;
    }

    private static FormatOptions CreateFileFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.MaxLineLength = MaxLineLength;
        return format;
    }

    /// <summary>The same digest always gets the same Message-ID, so a resend is recognisable as one.</summary>
    public static string MessageIdFor(string digestKey, string fromAddress)
    {
        var domain = fromAddress.Contains('@', StringComparison.Ordinal) ? fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..] : "localhost";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digestKey)).AsSpan(0, 12));
        return $"digest.{hash}@{domain}";
    }
}

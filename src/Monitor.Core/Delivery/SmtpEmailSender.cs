using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Delivery;

/// <summary>
/// Hands each message to an SMTP relay through MailKit ("Delivery:Smtp": host, port, security, optional
/// authentication). A connection per message: digests are a few per run, and a fresh connection has no
/// state to go stale between runs. Any refusal becomes an <see cref="EmailSendException"/> naming the relay
/// and the step that failed, so the digest stays pending and is retried.
/// </summary>
public sealed class SmtpEmailSender(IOptions<DeliveryOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new EmailSendException("Delivery:Smtp:Host is not set (the SMTP relay to send through)");
        }

        var relay = $"SMTP {smtp.Host}:{smtp.Port}";
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, smtp.Timeout.TotalMilliseconds) };
        if (smtp.ServerCertificateSha256 is { Length: > 0 } pin)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || Matches(certificate, pin);
        }

        var step = "connect";
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), ct);
            if (smtp.UserName is { Length: > 0 } user)
            {
                step = "authenticate";
                await client.AuthenticateAsync(user, smtp.Password ?? "", ct);
            }

            step = "send";
            await client.SendAsync(MimeMessageFactory.Create(message), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new EmailSendException($"{relay}: {step} failed: {Describe(e)}", e);
        }

        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is IOException or ProtocolException or SmtpCommandException)
        {
            // The message was accepted before this; a relay that drops the connection on QUIT changes nothing.
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static bool Matches(X509Certificate? certificate, string pin) =>
        certificate is not null
        && string.Equals(
            Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())),
            pin.Replace(":", "", StringComparison.Ordinal).Trim(),
            StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException command => $"the server answered {(int)command.StatusCode}: {command.Message.Trim()}",
        AuthenticationException => $"the server refused the user name or password ({e.Message.Trim()})",
        ServiceNotAuthenticatedException => $"the server requires authentication: set Delivery:Smtp:UserName and Password ({e.Message.Trim()})",
        SslHandshakeException => "the TLS handshake failed (untrusted certificate, or the server does not speak TLS on this port)",
        NotSupportedException when e.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) => "the server does not offer STARTTLS, and Security is StartTls (the message is not sent in clear text)",
        System.Net.Sockets.SocketException socket => $"{socket.SocketErrorCode}: {socket.Message}",
        _ => e.Message,
    };
}

namespace NewsMonitor.Delivery;

/// <summary>Bound from the "Delivery" configuration section.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public string FromAddress { get; set; } = "news-monitor@localhost";
    public string FromName { get; set; } = "News Monitor";

    /// <summary>
    /// The name of the <see cref="IEmailSender"/> to use (see <see cref="EmailSenders"/>): "pickup" (default:
    /// .eml files in <see cref="PickupDirectory"/>), "smtp" (<see cref="Smtp"/>), or "sendgrid" with the Azure adapters.
    /// </summary>
    public string Sender { get; set; } = EmailSenders.Pickup;
    public string PickupDirectory { get; set; } = "outbox";

    /// <summary>"Delivery:Smtp": the relay the "smtp" sender hands messages to.</summary>
    public SmtpOptions Smtp { get; set; } = new();
}

public enum SmtpSecurity
{
    /// <summary>Plain text: only for a relay on this machine or a trusted network.</summary>
    None,

    /// <summary>Upgrade with STARTTLS, and refuse to send when the server does not offer it (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,

    /// <summary>TLS on port 465, STARTTLS when offered elsewhere, plain text otherwise.</summary>
    Auto,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Authenticate when set (with <see cref="Password"/>); most relays require it.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Connect, command and data time limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// SHA-256 fingerprint (hex) of a server certificate to trust even though no authority vouches for it: a
    /// private relay with a self-signed certificate. Other certificates are checked as usual.
    /// </summary>
    public string? ServerCertificateSha256 { get; set; }
}

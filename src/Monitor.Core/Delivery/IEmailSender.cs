namespace NewsMonitor.Delivery;

/// <summary>Sends one message. Returns only when the message was accepted; throws when it was not.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

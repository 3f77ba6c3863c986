namespace NewsMonitor.Delivery;

/// <summary>Bound from the "Delivery" configuration section.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public string FromAddress { get; set; } = "news-monitor@localhost";
    public string FromName { get; set; } = "News Monitor";

    /// <summary>"pickup" (default: .eml files in <see cref="PickupDirectory"/>), "smtp" or "sendgrid".</summary>
    public string Sender { get; set; } = "pickup";
    public string PickupDirectory { get; set; } = "outbox";
}

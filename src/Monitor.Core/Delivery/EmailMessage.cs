namespace NewsMonitor.Delivery;

public sealed record EmailAddress(string Address, string? Name = null);

/// <summary>A rendered message, independent of how it is sent.</summary>
public sealed record EmailMessage
{
    public required EmailAddress From { get; init; }
    public required EmailAddress To { get; init; }
    public required string Subject { get; init; }
    public required string HtmlBody { get; init; }
    public required string TextBody { get; init; }

    /// <summary>The digest key (subscriber/period): senders use it to make a retried send recognisable.</summary>
    public required string DigestKey { get; init; }

    /// <summary>Extra headers such as List-Unsubscribe.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

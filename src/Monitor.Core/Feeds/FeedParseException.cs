namespace NewsMonitor.Feeds;

/// <summary>A document that is not a readable feed; the message is meant for the person running the monitor.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : FormatException(message, inner);

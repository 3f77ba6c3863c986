namespace NewsMonitor.Http;

/// <summary>How many poll messages were queued.</summary>
public sealed record PollQueued(int Queued);

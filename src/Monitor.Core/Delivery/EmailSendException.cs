namespace NewsMonitor.Delivery;

/// <summary>A sender could not hand the message over; the message says where and why, for the person reading the log.</summary>
public sealed class EmailSendException : Exception
{
    public EmailSendException()
    {
    }

    public EmailSendException(string message)
        : base(message)
    {
    }

    public EmailSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.Net;

namespace NewsMonitor.Azure.SendGrid;

/// <summary>SendGrid did not accept a message: the status and SendGrid's own explanation.</summary>
public sealed class SendGridException : Exception
{
    public SendGridException()
    {
    }

    public SendGridException(string message)
        : base(message)
    {
    }

    public SendGridException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SendGridException(HttpStatusCode status, string message)
        : base(message) => Status = status;

    public HttpStatusCode? Status { get; }
}

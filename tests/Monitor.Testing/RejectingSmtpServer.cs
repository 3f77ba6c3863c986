using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsMonitor.Testing;

/// <summary>
/// A loopback SMTP relay that accepts the envelope and then refuses every message at DATA with a permanent
/// error, the way a relay rejecting content does (maildev accepts everything, so it cannot show this).
/// </summary>
public sealed class RejectingSmtpServer : IAsyncDisposable
{
    public const string Rejection = "554 5.7.1 Message rejected by policy";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public RejectingSmtpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Host => "127.0.0.1";

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many messages reached DATA and were refused.</summary>
    public int Refused => refused;

    private int refused;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop this way.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost test relay");
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "DATA":
                            Interlocked.Increment(ref refused);
                            await writer.WriteLineAsync(Rejection);
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 ok");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client hung up, or the server is stopping.
            }
        }
    }
}

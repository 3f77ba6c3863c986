using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Delivery;

/// <summary>
/// Writes each message as an .eml file, the way mail servers' pickup directories work. The file name comes
/// from the digest key, so sending the same digest again replaces the file instead of adding one.
/// </summary>
public sealed class PickupDirectorySender(IOptions<DeliveryOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileNameFor(message.DigestKey));
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await MimeMessageFactory.Create(message).WriteToAsync(MimeMessageFactory.FileFormat, stream, ct);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static string FileNameFor(string digestKey)
    {
        var readable = new string(digestKey.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digestKey)).AsSpan(0, 4));
        return $"{readable}-{hash}.eml";
    }
}

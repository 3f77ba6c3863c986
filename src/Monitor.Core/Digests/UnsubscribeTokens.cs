using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Digests;

/// <summary>
/// Signed, expiring unsubscribe tokens: base64url(subscriber id) "." base64url(expiry, unix seconds, 8 bytes)
/// "." base64url(HMAC-SHA256 of both). Anyone holding a link can unsubscribe that one subscriber, until it
/// expires; nobody can forge one for another subscriber or extend its life without the key.
/// </summary>
public sealed class UnsubscribeTokens
{
    private readonly byte[] key;
    private readonly TimeSpan lifetime;
    private readonly TimeProvider time;

    public UnsubscribeTokens(IOptions<DigestOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Outside the host (which always supplies a persisted key) a key for this process's life only.
        key = options.Value.SigningKey is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32);
        lifetime = options.Value.UnsubscribeTokenLifetime;
        this.time = time;
    }

    public string Create(string subscriberId) => Create(subscriberId, time.GetUtcNow());

    /// <summary>A token issued at <paramref name="issuedAt"/>: the same digest composed again carries the same link.</summary>
    public string Create(string subscriberId, DateTimeOffset issuedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriberId);
        var id = Encoding.UTF8.GetBytes(subscriberId);
        var expiry = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(expiry, (issuedAt + lifetime).ToUnixTimeSeconds());
        return $"{Base64Url(id)}.{Base64Url(expiry)}.{Base64Url(Sign(id, expiry))}";
    }

    /// <summary>False for a tampered, malformed or expired token; the id only when it is true.</summary>
    public bool TryValidate(string token, out string subscriberId)
    {
        subscriberId = "";
        var parts = (token ?? "").Split('.');
        if (parts.Length != 3
            || !TryDecode(parts[0], out var id) || id.Length == 0
            || !TryDecode(parts[1], out var expiry) || expiry.Length != 8
            || !TryDecode(parts[2], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, Sign(id, expiry)))
        {
            return false;
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() >= BinaryPrimitives.ReadInt64BigEndian(expiry))
        {
            return false;
        }

        try
        {
            subscriberId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(id);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The link put in digests and in their List-Unsubscribe header.</summary>
    public static string UrlFor(string publicBaseUrl, string token) => $"{publicBaseUrl.TrimEnd('/')}/api/unsubscribe?token={Uri.EscapeDataString(token)}";

    private byte[] Sign(byte[] id, byte[] expiry)
    {
        // The id's length is signed too, so bytes cannot move between the two fields.
        var message = new byte[4 + id.Length + expiry.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, id.Length);
        id.CopyTo(message, 4);
        expiry.CopyTo(message, 4 + id.Length);
        return HMACSHA256.HashData(key, message);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !System.Buffers.Text.Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);

        // One spelling per token: a variant that decodes to the same bytes is not accepted.
        return Base64Url(bytes) == text;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Digests;

/// <summary>
/// Signed, expiring unsubscribe tokens: "subscriber.expiry.signature", base64url, HMAC-SHA256. Anyone holding
/// the link can unsubscribe that one subscriber until it expires, and nobody can forge one for another.
/// </summary>
public sealed class UnsubscribeTokens
{
    private readonly byte[] key;
    private readonly TimeSpan lifetime;
    private readonly TimeProvider time;

    public UnsubscribeTokens(IOptions<DigestOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.SigningKey;
        key = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(configured);
        lifetime = options.Value.UnsubscribeTokenLifetime;
        this.time = time;
    }

    public string Create(string subscriberId)
    {
        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = Base64Url(Encoding.UTF8.GetBytes(subscriberId)) + "." + expires;
        return payload + "." + Base64Url(Sign(payload));
    }

    public bool TryValidate(string token, out string subscriberId)
    {
        subscriberId = "";
        var parts = (token ?? "").Split('.');
        if (parts.Length != 3
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !TryDecode(parts[2], out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1]))
            || !TryDecode(parts[0], out var id)
            || time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        subscriberId = Encoding.UTF8.GetString(id);
        return true;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}

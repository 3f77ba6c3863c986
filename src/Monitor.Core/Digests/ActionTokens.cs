using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Digests;

/// <summary>What a link in a digest does when followed and confirmed.</summary>
public enum DigestAction
{
    Unsubscribe,
    StopTerm,
    ChangeCadence,
    NotRelevant,
}

/// <summary>
/// One signed action: who it is for and what it acts on. <see cref="TermId"/> names the term of
/// <see cref="DigestAction.StopTerm"/> and <see cref="DigestAction.NotRelevant"/>, <see cref="ArticleId"/> the article of
/// <see cref="DigestAction.NotRelevant"/>; both are empty otherwise.
/// </summary>
public sealed record SignedAction(DigestAction Action, string SubscriberId, string TermId = "", string ArticleId = "")
{
    public static SignedAction Unsubscribe(string subscriberId) => new(DigestAction.Unsubscribe, subscriberId);

    public static SignedAction StopTerm(string subscriberId, string termId) => new(DigestAction.StopTerm, subscriberId, termId);

    public static SignedAction ChangeCadence(string subscriberId) => new(DigestAction.ChangeCadence, subscriberId);

    public static SignedAction NotRelevant(string subscriberId, string termId, string articleId) => new(DigestAction.NotRelevant, subscriberId, termId, articleId);

    /// <summary>True when the arguments the action needs are there and no others.</summary>
    public bool IsWellFormed =>
        SubscriberId.Length > 0 && Action switch
        {
            DigestAction.Unsubscribe or DigestAction.ChangeCadence => TermId.Length == 0 && ArticleId.Length == 0,
            DigestAction.StopTerm => TermId.Length > 0 && ArticleId.Length == 0,
            DigestAction.NotRelevant => TermId.Length > 0 && ArticleId.Length > 0,
            _ => false,
        };
}

/// <summary>
/// Signed, expiring tokens for the links in digests: "a." base64url(payload) "." base64url(expiry, unix seconds, 8 bytes)
/// "." base64url(HMAC-SHA256). The payload holds the action and its arguments (subscriber, term, article), each
/// length-prefixed, and all of it is signed: a token made for one action, subscriber, term or article cannot be
/// replayed as another, nor outlive its expiry, without the key. Anyone holding a link can do that one thing until then.
/// <para>
/// Unsubscribe links sent before actions existed have three parts, base64url(subscriber id) "." expiry "." MAC over
/// the id's length, the id and the expiry; they are still accepted, as unsubscribe links. The MAC of the newer form
/// starts with four 0xFF bytes, a length no id has, so no MAC of one form is ever valid for the other.
/// </para>
/// </summary>
public sealed class ActionTokens
{
    private const string Prefix = "a";
    private static readonly byte[] ActionDomain = [0xFF, 0xFF, 0xFF, 0xFF, (byte)'a', (byte)'1'];

    private readonly byte[] key;
    private readonly TimeSpan lifetime;
    private readonly TimeProvider time;

    public ActionTokens(IOptions<DigestOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Outside the host (which always supplies a persisted key) a key for this process's life only.
        key = options.Value.SigningKey is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32);
        lifetime = options.Value.UnsubscribeTokenLifetime;
        this.time = time;
    }

    public string Create(SignedAction action) => Create(action, time.GetUtcNow());

    /// <summary>A token issued at <paramref name="issuedAt"/>: the same digest composed again carries the same links.</summary>
    public string Create(SignedAction action, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!action.IsWellFormed)
        {
            throw new ArgumentException($"A {action.Action} action with these arguments is not one a link can carry.", nameof(action));
        }

        var payload = Encode(action);
        var expiry = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(expiry, (issuedAt + lifetime).ToUnixTimeSeconds());
        return $"{Prefix}.{Base64Url(payload)}.{Base64Url(expiry)}.{Base64Url(SignAction(payload, expiry))}";
    }

    /// <summary>False for a tampered, malformed or expired token; the action only when it is true.</summary>
    public bool TryValidate(string? token, out SignedAction action)
    {
        action = SignedAction.Unsubscribe("");
        var parts = (token ?? "").Split('.');
        return parts.Length switch
        {
            3 => TryValidateUnsubscribeOnly(parts, out action),
            4 when parts[0] == Prefix => TryValidateAction(parts, out action),
            _ => false,
        };
    }

    /// <summary>Where a link leads: unsubscribe links keep their route (and List-Unsubscribe), the others share one.</summary>
    public static string UrlFor(string publicBaseUrl, DigestAction action, string token) =>
        $"{publicBaseUrl.TrimEnd('/')}/api/{(action == DigestAction.Unsubscribe ? "unsubscribe" : "actions")}?token={Uri.EscapeDataString(token)}";

    private bool TryValidateAction(string[] parts, out SignedAction action)
    {
        action = SignedAction.Unsubscribe("");
        if (!TryDecode(parts[1], out var payload)
            || !TryDecode(parts[2], out var expiry) || expiry.Length != 8
            || !TryDecode(parts[3], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, SignAction(payload, expiry))
            || Expired(expiry)
            || !TryDecodePayload(payload, out var decoded))
        {
            return false;
        }

        action = decoded;
        return true;
    }

    private bool TryValidateUnsubscribeOnly(string[] parts, out SignedAction action)
    {
        action = SignedAction.Unsubscribe("");
        if (!TryDecode(parts[0], out var id) || id.Length == 0
            || !TryDecode(parts[1], out var expiry) || expiry.Length != 8
            || !TryDecode(parts[2], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, SignUnsubscribeOnly(id, expiry))
            || Expired(expiry)
            || !TryText(id, out var subscriberId))
        {
            return false;
        }

        action = SignedAction.Unsubscribe(subscriberId);
        return true;
    }

    private bool Expired(byte[] expiry) => time.GetUtcNow().ToUnixTimeSeconds() >= BinaryPrimitives.ReadInt64BigEndian(expiry);

    private byte[] SignAction(byte[] payload, byte[] expiry) => HMACSHA256.HashData(key, (byte[])[.. ActionDomain, .. payload, .. expiry]);

    private byte[] SignUnsubscribeOnly(byte[] id, byte[] expiry)
    {
        // The id's length is signed too, so bytes cannot move between the two fields.
        var message = new byte[4 + id.Length + expiry.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, id.Length);
        id.CopyTo(message, 4);
        expiry.CopyTo(message, 4 + id.Length);
        return HMACSHA256.HashData(key, message);
    }

    /// <summary>The action's number, then subscriber, term and article, each as its UTF-8 length (4 bytes) and bytes.</summary>
    private static byte[] Encode(SignedAction action)
    {
        using var stream = new MemoryStream();
        stream.WriteByte((byte)action.Action);
        Span<byte> length = stackalloc byte[4];
        foreach (var field in (string[])[action.SubscriberId, action.TermId, action.ArticleId])
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }

        return stream.ToArray();
    }

    private static bool TryDecodePayload(byte[] payload, out SignedAction action)
    {
        action = SignedAction.Unsubscribe("");
        if (payload.Length < 1 || !Enum.IsDefined((DigestAction)payload[0]))
        {
            return false;
        }

        var fields = new string[3];
        var at = 1;
        for (var i = 0; i < fields.Length; i++)
        {
            if (payload.Length - at < 4)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(at));
            at += 4;
            if (length < 0 || length > payload.Length - at || !TryText(payload.AsSpan(at, length).ToArray(), out fields[i]))
            {
                return false;
            }

            at += length;
        }

        action = new SignedAction((DigestAction)payload[0], fields[0], fields[1], fields[2]);
        return at == payload.Length && action.IsWellFormed;
    }

    private static bool TryText(byte[] bytes, out string text)
    {
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
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

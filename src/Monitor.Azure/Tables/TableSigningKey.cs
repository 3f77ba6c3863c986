using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// The unsubscribe signing key when none is configured, kept in the Settings table (there is no data folder on
/// Azure): generated once by whichever instance comes first, then read by every instance, so links survive
/// restarts and scale-out. A configured Digests:SigningKey (a Key Vault reference) is preferred.
/// </summary>
public static class TableSigningKey
{
    private const string Partition = "settings";
    private const string Row = "unsubscribe-signing-key";

    public static string LoadOrCreate(MonitorTables tables)
    {
        var table = tables.GetAsync(MonitorTables.Settings).GetAwaiter().GetResult();
        var existing = table.GetEntityIfExists<TableEntity>(Partition, Row);
        if (existing.HasValue && existing.Value?.GetString("Key") is { Length: > 0 } stored)
        {
            return stored;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        try
        {
            table.AddEntity(new TableEntity(Partition, Row) { ["Key"] = key });
            return key;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance wrote its key first: everyone uses that one.
            return table.GetEntity<TableEntity>(Partition, Row).Value.GetString("Key");
        }
    }
}

using OpenLine.Server.Storage;

namespace OpenLine.Server.Tests.Storage;

public sealed class SqliteJournalStoreTests : JournalStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "openline-tests", "sqlite-" + Guid.NewGuid().ToString("n"));

    protected override IJournalStore Open(string key) => new SqliteJournalStore(Path.Combine(_directory, key + ".db"));

    [Fact]
    public void The_store_runs_in_wal_mode_with_full_synchronous_commits()
    {
        string path = Path.Combine(_directory, "pragmas.db");
        OpenTracked("pragmas");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using Microsoft.Data.Sqlite.SqliteCommand mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string)mode.ExecuteScalar()!);
    }

    protected override void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

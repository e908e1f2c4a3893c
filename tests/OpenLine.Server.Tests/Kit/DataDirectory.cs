namespace OpenLine.Server.Tests.Kit;

/// <summary>
/// A data directory of a test's own, for servers it starts, stops and restarts on the same store;
/// deleted (best effort, SQLite's pooled connections closed first) when the test class is disposed.
/// Converts to its path, so it goes wherever a data directory is asked for.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    public string Path { get; } = TestServer.NewDataDir();

    public static implicit operator string(DataDirectory directory) => directory.Path;

    public override string ToString() => Path;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // best effort: a file still open elsewhere
        }
    }
}

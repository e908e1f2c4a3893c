using Npgsql;
using OpenLine.Server.Storage;

namespace OpenLine.Server.Tests.Storage;

/// <summary>
/// The same contract against PostgreSQL, at the server named by <c>OPENLINE_TEST_POSTGRES</c>
/// (a connection string). Skipped when it is unset; <c>.ci/run</c> always sets it. Each test gets
/// its own schema, dropped afterwards.
/// </summary>
public sealed class PostgresJournalStoreTests : JournalStoreContract
{
    public const string Variable = "OPENLINE_TEST_POSTGRES";

    private readonly string? _connectionString = Environment.GetEnvironmentVariable(Variable);
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("n");

    public PostgresJournalStoreTests()
    {
        // CI never skips: .ci/run starts PostgreSQL and sets the variable, so its absence there is a failure.
        if (string.IsNullOrWhiteSpace(_connectionString) && Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{Variable} must be set under CI.");
        }
        Assert.SkipWhen(string.IsNullOrWhiteSpace(_connectionString), $"{Variable} is not set (the CI script sets it).");
        Admin($"CREATE SCHEMA {_schema}");
    }

    protected override IJournalStore Open(string key)
    {
        string schema = $"{_schema}_{key}";
        Admin($"CREATE SCHEMA IF NOT EXISTS {schema}");
        return new PostgresJournalStore(new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = schema }.ConnectionString);
    }

    protected override void Cleanup()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var find = new NpgsqlCommand($"SELECT nspname FROM pg_namespace WHERE nspname LIKE '{_schema}%'", connection);
        var schemas = new List<string>();
        using (NpgsqlDataReader reader = find.ExecuteReader())
        {
            while (reader.Read())
            {
                schemas.Add(reader.GetString(0));
            }
        }
        foreach (string schema in schemas)
        {
            using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            drop.ExecuteNonQuery();
        }
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

using Copil.Web.Data;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Copil.Web.Tests.Support;

/// <summary>
/// The real app on a real database: a SQLite file, or a database of its own on the PostgreSQL server that the test
/// command starts (<c>COPIL_TEST_POSTGRES</c>). Demo data is loaded; the clock is fixed on 10 March 2026, 10:00 in Paris.
/// </summary>
public abstract class CopilFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Now);

    /// <summary>What the app logged, at production levels, scopes included.</summary>
    public CapturedLogs Logs { get; } = new();

    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings => [];

    public string AttachmentsFolder { get; } = Path.Combine(Path.GetTempPath(), $"copil-attachments-{Guid.NewGuid():N}");

    /// <summary>The data folder of this app (health probes, e-mails written as files): never the source tree.</summary>
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"copil-data-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Copil", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Diagnostics:ServerTiming", "true");
        builder.UseSetting("Attachments:Path", AttachmentsFolder);
        builder.UseSetting("Data:Folder", DataFolder);
        // Tests drive the e-mail sender by hand, never in the background.
        builder.UseSetting("Mail:SenderEnabled", "false");
        // Every test signs in from the same (absent) address: the throttle's own tests set their limits.
        builder.UseSetting("Security:Login:AttemptsPerAddressPerMinute", "1000000");
        builder.UseSetting("Security:Api:RequestsPerMinute", "1000000");
        // The demo accounts sign in with their password alone; the two-factor tests turn the policy on.
        builder.UseSetting("Security:TwoFactor:Enforced", "false");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => CapturedLogs.AddTo(logging, Logs));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider);
    }

    public async Task<T> WithDbAsync<T>(Func<CopilDbContext, Task<T>> use)
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<CopilDbContext>());
    }
}

public class SqliteFactory : CopilFactory
{
    private readonly string _folder = Directory.CreateTempSubdirectory("copil-tests-").FullName;

    public override string Provider => DatabaseSetup.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(_folder, "copil.db")}";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}

public class PostgresFactory : CopilFactory
{
    private readonly string _database = $"copil_test_{Guid.NewGuid():N}";

    public static string PostgresServer => Environment.GetEnvironmentVariable("COPIL_TEST_POSTGRES")
        ?? throw new InvalidOperationException("COPIL_TEST_POSTGRES is not set: run the tests through scripts/test.sh, which starts a PostgreSQL server.");

    public override string Provider => DatabaseSetup.PostgreSql;

    public override string ConnectionString => $"{PostgresServer};Database={_database}";

    public PostgresFactory() => CreateDatabase(_database);

    /// <summary>Creates an empty database on the test command's PostgreSQL server; returns its connection string.</summary>
    public static string CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection($"{PostgresServer};Database=postgres");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return $"{PostgresServer};Database={name}";
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "PostgreSQL";
}

using System.Diagnostics;

namespace Copil.Web.Tests.Data;

/// <summary>
/// The operator's view of a setting that forbids starting: the real process, started from another folder, prints one
/// French line saying which setting and why, no stack trace, and exits 1 (a service manager sees the failure).
/// </summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task A_database_migrated_by_an_unknown_build_is_refused_and_left_untouched()
    {
        var data = Directory.CreateTempSubdirectory("copil-refusal-");
        try
        {
            var file = Path.Combine(data.FullName, "copil.db");
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false"))
            {
                await connection.OpenAsync();
                await using var create = connection.CreateCommand();
                create.CommandText = """
                    CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20261130031627_Initial', '10.0.0');
                    """;
                await create.ExecuteNonQueryAsync();
            }

            var before = await File.ReadAllBytesAsync(file);
            var (exitCode, error) = await StartAsync(data.FullName, ("Mail__PublicUrl", "https://copil.exemple.gouv.fr"));

            Assert.Equal(1, exitCode);
            Assert.StartsWith("Copil ne peut pas démarrer : la base de données a reçu des migrations que cette version ne connaît pas (20261130031627_Initial)", error, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(file));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Mail__PublicUrl", "http://copil.exemple.gouv.fr", "Copil ne peut pas démarrer : Mail:PublicUrl (« http://copil.exemple.gouv.fr ») doit être l'adresse https://")]
    [InlineData("Database__Provider", "Oracle", "Copil ne peut pas démarrer : Database:Provider « Oracle » est inconnu")]
    public async Task A_start_refused_by_a_setting_says_why_in_French_on_one_line_and_exits_1(string setting, string value, string expected)
    {
        var data = Directory.CreateTempSubdirectory("copil-refusal-");
        try
        {
            var (exitCode, error) = await StartAsync(data.FullName, ("Mail__PublicUrl", "https://copil.exemple.gouv.fr"), (setting, value));

            Assert.Equal(1, exitCode);
            Assert.StartsWith(expected, error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Starts the built application from / in Production with these settings; its exit code and standard error.</summary>
    private static async Task<(int ExitCode, string Error)> StartAsync(string dataFolder, params (string Name, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            WorkingDirectory = "/",
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Data__Folder"] = dataFolder;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await output;
        return (process.ExitCode, error);
    }
}

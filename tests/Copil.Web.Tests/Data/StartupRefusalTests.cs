using System.Diagnostics;

namespace Copil.Web.Tests.Data;

/// <summary>
/// The operator's view of a setting that forbids starting: the real process, started from another folder, prints one
/// French line saying which setting and why, no stack trace, and exits 1 (a service manager sees the failure).
/// </summary>
public sealed class StartupRefusalTests
{
    [Theory]
    [InlineData("Mail__PublicUrl", "http://copil.exemple.gouv.fr", "Copil ne peut pas démarrer : Mail:PublicUrl (« http://copil.exemple.gouv.fr ») doit être l'adresse https://")]
    [InlineData("Database__Provider", "Oracle", "Copil ne peut pas démarrer : Database:Provider « Oracle » est inconnu")]
    public async Task A_start_refused_by_a_setting_says_why_in_French_on_one_line_and_exits_1(string setting, string value, string expected)
    {
        var data = Directory.CreateTempSubdirectory("copil-refusal-");
        try
        {
            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
            {
                WorkingDirectory = "/",
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Data__Folder"] = data.FullName;
            start.Environment["Mail__PublicUrl"] = "https://copil.exemple.gouv.fr";
            start.Environment[setting] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            await output;

            Assert.Equal(1, process.ExitCode);
            Assert.StartsWith(expected, error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}

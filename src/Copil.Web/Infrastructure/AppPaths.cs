namespace Copil.Web.Infrastructure;

/// <summary>
/// Where the application finds itself and keeps its data, whatever the folder it is started from: a published build
/// started from <c>/</c> still reads its own <c>appsettings*.json</c> and serves its own <c>wwwroot</c>.
/// </summary>
public static class AppPaths
{
    /// <summary>
    /// The content root to impose, or null to keep the host's choice. A published build (its folder holds
    /// <c>wwwroot</c>) is its own content root unless one is configured (<c>--contentRoot</c>,
    /// <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>); <c>dotnet run</c> and the test hosts keep theirs.
    /// </summary>
    public static string? ContentRootFor(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT")))
        {
            return null;
        }

        var own = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(own, "wwwroot")) && File.Exists(Path.Combine(own, "appsettings.json")) ? own : null;
    }

    /// <summary>
    /// The one folder that holds what Copil writes on disk (<c>Data:Folder</c>, by default <c>data</c> under the content
    /// root): the SQLite database, the e-mails written as files when no server is set, backups made without a path.
    /// </summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Data:Folder"];
        var path = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path));
    }

    /// <summary>A path of the configuration: as given when rooted, else under the data folder.</summary>
    public static string InData(IConfiguration configuration, IHostEnvironment environment, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(DataFolder(configuration, environment), path));
}

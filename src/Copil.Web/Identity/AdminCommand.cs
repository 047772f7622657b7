using System.Security.Cryptography;
using Copil.Web.Data;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Identity;

/// <summary>
/// The operator's commands, from a published build (<c>dotnet Copil.Web.dll admin …</c>) or from the sources
/// (<c>dotnet run --project src/Copil.Web -- admin …</c>), with the app's own configuration:
/// <c>admin create --email … [--name …]</c> creates the first platform administrator (Production creates no account on
/// its own; the password is generated here and printed once); <c>admin backup [fichier]</c> and
/// <c>admin restore fichier</c> save and restore the database with its files (docs/operations.md).
/// </summary>
public static class AdminCommand
{
    private const string Usage = "Usage : admin create --email adresse@exemple.fr [--name \"Prénom Nom\"] | admin backup [archive.zip] | admin restore archive.zip";

    public static async Task<int> RunAsync(string[] args) => args switch
    {
        ["admin", "create", ..] => await CreateAsync(args),
        ["admin", "backup", ..] => await BackupAsync(args.Length > 2 ? args[2] : null),
        ["admin", "restore", var archive] => await RestoreAsync(archive),
        _ => await FailAsync(Usage, 2),
    };

    private static async Task<int> FailAsync(string message, int code)
    {
        await Console.Error.WriteLineAsync(message);
        return code;
    }

    private static async Task<int> BackupAsync(string? archive)
    {
        var app = CopilApp.Build([], serving: false);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
        archive ??= Path.Combine(AppPaths.DataFolder(app.Configuration, app.Environment), "sauvegardes", $"copil-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}.zip");
        try
        {
            var manifest = await BackupOf(app, db).CreateAsync(archive, TimeProvider.System);
            Console.WriteLine($"Sauvegarde écrite : {Path.GetFullPath(archive)}");
            Console.WriteLine($"Base {DatabaseSetup.Describe(db)} : {manifest.Rows.Values.Sum()} lignes dans {manifest.Rows.Count} tables, {manifest.Files.Count} fichiers joints ({manifest.Files.Sum(f => f.Size)} octets), {manifest.PendingEmails} courriels en attente.");
            return 0;
        }
        catch (BackupException ex)
        {
            return await FailAsync(ex.Message, 1);
        }
    }

    private static async Task<int> RestoreAsync(string archive)
    {
        if (!File.Exists(archive))
        {
            return await FailAsync($"Archive introuvable : {archive}", 1);
        }

        var app = CopilApp.Build([], serving: false);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
        try
        {
            var manifest = await BackupOf(app, db).RestoreAsync(archive, TimeProvider.System);
            Console.WriteLine($"Restauré dans {DatabaseSetup.Describe(db)} : sauvegarde du {Clock.ToParis(manifest.CreatedAtUtc):dd/MM/yyyy HH:mm}, {manifest.Rows.Values.Sum()} lignes et {manifest.Files.Count} fichiers joints vérifiés (nombres et empreintes SHA-256).");
            Console.WriteLine(manifest.PendingEmails == 0
                ? "Aucun courriel n'était en attente."
                : $"{manifest.PendingEmails} courriels en attente au moment de la sauvegarde sont retenus : un administrateur les envoie ou les abandonne depuis « Envois de courriels » (/admin/envois?etat=retenus).");
            return 0;
        }
        catch (BackupException ex)
        {
            return await FailAsync(ex.Message, 1);
        }
    }

    private static Backup BackupOf(WebApplication app, CopilDbContext db) =>
        new(db.Database.IsSqlite() ? DatabaseSetup.Sqlite : DatabaseSetup.PostgreSql, db.Database.GetConnectionString()!, app.Configuration, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Copil.Backup"));

    private static async Task<int> CreateAsync(string[] args)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name") ?? email;
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage : admin create --email adresse@exemple.fr [--name \"Prénom Nom\"]");
            return 2;
        }

        var app = CopilApp.Build([], serving: false);
        using var scope = app.Services.CreateScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<CopilDbContext>());
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CopilUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await Console.Error.WriteLineAsync($"Un compte existe déjà avec l'adresse {email}.");
            return 1;
        }

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var result = await users.CreateAsync(new CopilUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name!,
            IsPlatformAdministrator = true,
        }, password);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }

        Console.WriteLine($"Administrateur créé : {email}");
        Console.WriteLine($"Mot de passe (affiché une seule fois, à changer) : {password}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

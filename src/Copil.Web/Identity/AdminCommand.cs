using System.Security.Cryptography;
using Copil.Web.Data;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Copil.Web.Identity;

/// <summary>
/// <c>dotnet run --project src/Copil.Web -- admin create --email … [--name …]</c>: creates the first platform administrator.
/// Production creates no account on its own; the password is generated here and printed once.
/// </summary>
public static class AdminCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name") ?? email;
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage : admin create --email adresse@exemple.fr [--name \"Prénom Nom\"]");
            return 2;
        }

        var app = CopilApp.Build([]);
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

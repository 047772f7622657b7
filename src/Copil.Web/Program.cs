using Copil.Web;
using Copil.Web.Identity;
using Copil.Web.Infrastructure;

// A setting that forbids starting (StartupRefusedException) is one French line and exit 1, not a stack trace.
return await StartupRefusedException.GuardAsync(async () =>
{
    if (args is ["admin", ..])
    {
        return await AdminCommand.RunAsync(args);
    }

    var app = CopilApp.Build(args);
    try
    {
        await CopilApp.InitialiseAsync(app);
    }
    catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
    {
        // The database cannot be opened or migrated (server down, disk full, no right to write): say so and stop.
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Copil").LogCritical(ex,
            "Copil ne peut pas démarrer : la base de données n'a pas pu être ouverte ou mise à jour ({Reason}). Rien n'a été modifié ; corrigez la cause puis relancez.", ex.Message);
        return 1;
    }

    await app.RunAsync();
    return 0;
});

/// <summary>The entry point, visible to the test hosts.</summary>
public partial class Program;

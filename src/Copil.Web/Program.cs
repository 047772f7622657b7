using Copil.Web;
using Copil.Web.Identity;

if (args is ["admin", ..])
{
    return await AdminCommand.RunAsync(args);
}

var app = CopilApp.Build(args);
await CopilApp.InitialiseAsync(app);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test hosts.</summary>
public partial class Program;

using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Domain.DigitalTools;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.DigitalTools;

/// <summary>What the two sheet pages share: the tool, the version the person saw, a save that keeps what was typed.</summary>
public abstract class ToolSheetPage<TSheet>(DigitalToolCommands commands) : PageModel
    where TSheet : class, new()
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ToolId { get; set; }

    [BindProperty]
    public TSheet Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public ToolView View { get; private set; } = null!;

    protected DigitalToolCommands Commands { get; } = commands;

    protected abstract TSheet Current(DigitalTool tool);

    protected abstract Task<Result<ToolView>> SaveAsync(TSheet sheet, int version);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input = Current(View.Tool);
        Version = View.Tool.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await SaveAsync(Input, Version);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            if (result.FailureKind == ErrorKind.Conflict)
            {
                ModelState.Remove(nameof(Version));
                Version = View.Tool.Version;
            }

            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        var missing = result.Value.Missing.Count(m => m.Field?.StartsWith(typeof(TSheet) == typeof(GdprSheet) ? "Gdpr." : "Algorithm.", StringComparison.Ordinal) == true);
        TempData["Success"] = missing == 0
            ? "Fiche enregistrée et complète."
            : $"Fiche enregistrée ; {FrenchText.Plural(missing, "rubrique reste", "rubriques restent")} à renseigner avant l'accord des ministères.";
        return Redirect(DigitalToolCommands.PathOf(result.Value.Tool));
    }

    private async Task<bool> LoadAsync()
    {
        var grant = HttpContext.Grant();
        if (await Commands.FindAsync(Id, ToolId, grant) is not { } view || !DigitalToolCommands.Carries(grant, view.Sheet))
        {
            return false;
        }

        View = view;
        return true;
    }
}

[AgreementPermission(AgreementPermission.CarryActions)]
public sealed class GdprSheetModel(DigitalToolCommands commands) : ToolSheetPage<GdprSheet>(commands)
{
    protected override GdprSheet Current(DigitalTool tool) => tool.Gdpr;

    protected override Task<Result<ToolView>> SaveAsync(GdprSheet sheet, int version) =>
        Commands.UpdateGdprSheetAsync(Id, ToolId, HttpContext.Grant(), sheet, version);
}

[AgreementPermission(AgreementPermission.CarryActions)]
public sealed class AlgorithmSheetModel(DigitalToolCommands commands) : ToolSheetPage<AlgorithmSheet>(commands)
{
    protected override AlgorithmSheet Current(DigitalTool tool) => tool.Algorithm;

    protected override Task<Result<ToolView>> SaveAsync(AlgorithmSheet sheet, int version) =>
        Commands.UpdateAlgorithmSheetAsync(Id, ToolId, HttpContext.Grant(), sheet, version);
}

using Copil.Domain.Access;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Audit;

[AgreementPermission(AgreementPermission.ReadAudit)]
public sealed class JournalModel(AuditLog log, CopilDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Reference { get; private set; } = "";

    public List<AuditEntry> Entries { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? before)
    {
        Reference = await db.Agreements.Where(a => a.Id == Id).Select(a => a.Reference).FirstAsync();
        Entries = await log.PageAsync(Id, before, PageSize);
        NextBefore = Entries.Count == PageSize ? Entries[^1].Id : null;
        return Page();
    }

    public static string Describe(AuditEntry e)
    {
        var action = e.Action switch { "Added" => "Ajout", "Deleted" => "Suppression", _ => "Modification" };
        var what = e.EntityType switch
        {
            "Agreement" => "convention",
            "Party" => "partie",
            "Signatory" => "signataire",
            "CooperationAxis" => "axe de coopération",
            "CommitteeSeat" => "siège du comité",
            "CommitteeInvitee" => "invité",
            "YearlyCeiling" => "plafond annuel",
            "Amendment" => "avenant",
            "AmendmentChange" => "modification d'avenant",
            "Termination" => "résiliation",
            "Membership" => "habilitation",
            _ => e.EntityType,
        };
        return $"{action} : {what}";
    }
}

using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Communication;
using Copil.Domain.DigitalTools;
using Copil.Domain.Materials;
using Copil.Web.Data;
using Copil.Web.Documents;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Reporting;

/// <summary>
/// What the annual report says of the agreement's own rules in a year: art. 10 (loans and donations), art. 11 (logo
/// authorisations granted, uses not covered) and art. 12 (tools put online, and those online without the ministries'
/// agreement, shown as non-compliant).
/// </summary>
public sealed record AgreementRulesYear(
    int Year, MaterialFigures Materials, int LogoAuthorisationsGranted, IReadOnlyList<string> UncoveredLogoUses,
    IReadOnlyList<string> ToolsOnline, IReadOnlyList<string> NonCompliantTools)
{
    public IEnumerable<DocBlock> ForDocument()
    {
        yield return new DocParagraph($"Matériels et documentation (art. 10) : {(Materials.Count == 0 ? "aucun prêt ni aucune dotation" : $"{FrenchText.Plural(Materials.Count, "prêt ou dotation", "prêts ou dotations")}, pour {FrenchText.Euros(Materials.ValueCents)}")}.");
        yield return new DocParagraph($"Logos ministériels (art. 11) : {FrenchText.Plural(LogoAuthorisationsGranted, "autorisation accordée", "autorisations accordées")} dans l'année ; "
            + (UncoveredLogoUses.Count == 0 ? "aucun usage sans autorisation valide." : $"{FrenchText.Plural(UncoveredLogoUses.Count, "usage", "usages")} sans autorisation valide (risque de caducité) : {string.Join(" ; ", UncoveredLogoUses)}."));
        yield return new DocParagraph($"Outils numériques (art. 12) : {(ToolsOnline.Count == 0 ? "aucun mis en ligne dans l'année" : $"mis en ligne dans l'année : {string.Join(" ; ", ToolsOnline)}")}. "
            + (NonCompliantTools.Count == 0 ? "Aucun outil en ligne sans l'accord des ministères." : $"Non conformes, en ligne sans l'accord de chaque ministère : {string.Join(" ; ", NonCompliantTools)}."));
    }
}

public sealed class AgreementRulesReport(CopilDbContext db, TimeProvider clock)
{
    public async Task<AgreementRulesYear> ForYearAsync(Agreement agreement, int year, CancellationToken ct = default)
    {
        var today = clock.TodayInParis();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var materials = await db.Set<MaterialSupport>().AsNoTracking().Where(m => m.AgreementId == agreement.Id && m.StartsOn >= from && m.StartsOn <= to).ToListAsync(ct);
        var authorisations = await db.LogoAuthorizations.AsNoTracking().Where(a => a.AgreementId == agreement.Id).ToListAsync(ct);
        var uses = await db.LogoUses.AsNoTracking().Where(u => u.AgreementId == agreement.Id && u.From <= to && (u.Until == null || u.Until >= from)).ToListAsync(ct);
        var tools = await db.DigitalTools.AsNoTracking().Where(t => t.AgreementId == agreement.Id && t.OnlineOn != null).ToListAsync(ct);
        // A use is judged on its days within the year (up to today for the current year).
        var lastDay = to < today ? to : today;
        var uncovered = uses.Select(u => (Use: u, Coverage: LogoCoverageRule.Assess(u, authorisations, agreement.PartyById(u.MinistryPartyId)?.ShortName ?? "ministère", lastDay)))
            .Where(x => !x.Coverage.Covered).Select(x => $"« {x.Use.MaterialTitle} » ({x.Coverage.Finding})").ToList();
        return new AgreementRulesYear(
            year,
            MaterialFigures.Of(year, materials, today),
            authorisations.Count(a => a.Status == LogoAuthorizationStatus.Granted && a.DecidedOn >= from && a.DecidedOn <= to),
            uncovered,
            [.. tools.Where(t => t.OnlineOn >= from && t.OnlineOn <= to).OrderBy(t => t.OnlineOn).Select(t => $"« {t.Name} » le {FrenchText.Date(t.OnlineOn!.Value)}")],
            [.. tools.Where(t => t.StatusIn(agreement) == DigitalToolStatus.NonCompliant).OrderBy(t => t.Name).Select(t => $"« {t.Name} »")]);
    }
}

using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.DigitalTools;
using Copil.Domain.Notifications;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Communication;
using Copil.Web.Features.Notifications;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.DigitalTools;

public sealed record ToolDeclarationInput(Guid ActionSheetId, string? Name, string? Description, string? Address);

public sealed record ToolDetailsInput(string? Name, string? Description, string? Address, int? Version);

public sealed record ToolAnswerInput(Guid MinistryPartyId, ToolVerdict Verdict, string? Comment, int? Version);

public sealed record ToolOnlineInput(DateOnly? On, int? Version);

/// <summary>A tool with the sheet that funds it, as a person may see it.</summary>
public sealed record ToolView(DigitalTool Tool, SheetRef Sheet, DigitalToolStatus Status, IReadOnlyList<DomainError> Missing);

/// <summary>
/// The use cases of art. 12, shared by the pages and the API: declare a tool on the action that funds it, fill its two
/// sheets, each ministry's answer, going online through the gate. The carrier of the funding action acts on it; each
/// ministry answers for itself; the secretariat records a tool found online without approval.
/// </summary>
public sealed class DigitalToolCommands(CopilDbContext db, AgreementReader agreements, TimeProvider clock, Notifier notifier, SheetRefs sheetRefs)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Cet outil numérique n'existe pas.");

    public static readonly DomainError Conflict = DomainError.Conflict("L'outil a été modifié par quelqu'un d'autre entre-temps : vos saisies sont conservées ; vérifiez la version à jour puis enregistrez à nouveau.");

    public DateOnly Today => clock.TodayInParis();

    /// <summary>Every role but a pure carrier sees every tool (compliance of the agreement); a carrier those of its own actions.</summary>
    public async Task<(Agreement Agreement, IReadOnlyList<ToolView> Tools)?> ListAsync(Guid agreementId, AgreementGrant grant, Guid? actionSheetId = null, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return null;
        }

        var query = db.DigitalTools.AsNoTracking().Where(t => t.AgreementId == agreementId);
        if (actionSheetId is { } only)
        {
            query = query.Where(t => t.ActionSheetId == only);
        }

        var tools = await query.OrderBy(t => t.Name).ToListAsync(ct);
        var sheets = await sheetRefs.OfAsync(agreementId, tools.Select(t => t.ActionSheetId), ct);
        var seesAll = LogoCommands.SeesWholeRegister(grant);
        return (agreement, [.. tools.Where(t => seesAll || Carries(grant, sheets[t.ActionSheetId])).Select(t => View(agreement, t, sheets[t.ActionSheetId]))]);
    }

    public async Task<ToolView?> FindAsync(Guid agreementId, Guid toolId, AgreementGrant grant, CancellationToken ct = default) =>
        (await ListAsync(agreementId, grant, null, ct))?.Tools.FirstOrDefault(t => t.Tool.Id == toolId);

    public async Task<Result<ToolView>> DeclareAsync(Guid agreementId, AgreementGrant grant, Actor actor, ToolDeclarationInput input, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        var sheets = await sheetRefs.OfAsync(agreementId, [input.ActionSheetId], ct);
        var errors = new List<DomainError>();
        if (!sheets.TryGetValue(input.ActionSheetId, out var sheet) || !Carries(grant, sheet))
        {
            errors.Add(new("tool.action", "Choisissez l'action qui finance l'outil, parmi celles que vous portez.", "ActionSheetId"));
        }

        var declared = DigitalTool.Declare(agreementId, input.ActionSheetId, input.Name, input.Description, input.Address, actor.Name, Today);
        if (declared.IsFailure || errors.Count > 0)
        {
            return Result<ToolView>.Failure([.. errors, .. declared.Errors]);
        }

        db.DigitalTools.Add(declared.Value);
        await db.SaveChangesAsync(ct);
        return View(agreement, declared.Value, sheet!);
    }

    public Task<Result<ToolView>> DescribeAsync(Guid agreementId, Guid toolId, AgreementGrant grant, ToolDetailsInput input, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, toolId, grant, input.Version, ToolRight.Carry, (_, t) => Task.FromResult(t.Describe(input.Name, input.Description, input.Address)), ct);

    public Task<Result<ToolView>> UpdateGdprSheetAsync(Guid agreementId, Guid toolId, AgreementGrant grant, GdprSheet sheet, int? version, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, toolId, grant, version, ToolRight.Carry, (a, t) => AfterSheetChangeAsync(a, t, () => t.UpdateGdprSheet(sheet ?? new()), ct), ct);

    public Task<Result<ToolView>> UpdateAlgorithmSheetAsync(Guid agreementId, Guid toolId, AgreementGrant grant, AlgorithmSheet sheet, int? version, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, toolId, grant, version, ToolRight.Carry, (a, t) => AfterSheetChangeAsync(a, t, () => t.UpdateAlgorithmSheet(sheet ?? new()), ct), ct);

    /// <summary>A ministry answers for itself (its reviewing directorate); the carrier and the secretariat are told.</summary>
    public Task<Result<ToolView>> AnswerAsync(Guid agreementId, Guid toolId, AgreementGrant grant, Actor actor, ToolAnswerInput input, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, toolId, grant, input.Version, ToolRight.See, async (agreement, tool) =>
        {
            if (!ActionSheetAccess.SpeaksFor(grant.Memberships, grant.IsAdministrator, input.MinistryPartyId))
            {
                return DomainError.Forbidden("tool.not-your-ministry", "Vous ne donnez l'accord que du ministère pour lequel vous êtes habilité (art. 12).");
            }

            var result = tool.Answer(agreement, input.MinistryPartyId, input.Verdict, input.Comment, actor.Name, Today);
            if (result.IsSuccess)
            {
                var ministry = agreement.PartyById(input.MinistryPartyId)!.ShortName;
                var sheet = (await sheetRefs.OfAsync(agreementId, [tool.ActionSheetId], ct))[tool.ActionSheetId];
                await notifier.NotifyAsync(
                    new Notice($"tool-answer:{tool.Id}:{input.MinistryPartyId}:{tool.SheetsRevision}", agreementId, agreement.Reference, NoticeKind.Event,
                        input.Verdict == ToolVerdict.Approved ? $"Outil « {tool.Name} » : accord du {ministry}" : $"Outil « {tool.Name} » : refus du {ministry}",
                        input.Verdict == ToolVerdict.Approved
                            ? $"Le {ministry} donne son accord sur les fiches RGPD et de transparence de l'outil « {tool.Name} » (art. 12)."
                            : $"Le {ministry} refuse l'outil « {tool.Name} » : {input.Comment}. Revoyez les fiches, puis son accord sera demandé à nouveau (art. 12).",
                        notifier.Url(PathOf(tool))),
                    await notifier.MembersAsync(agreementId, m => m.Role == AgreementRole.Secretariat
                        || (m.Role == AgreementRole.ActionCarrier && string.Equals(m.Organisation, sheet.CarrierOrganisation, StringComparison.OrdinalIgnoreCase)), ct), ct);
            }

            return result;
        }, ct);

    /// <summary>The carrier records going online: refused, with what is missing, until the gate of art. 12 is passed.</summary>
    public Task<Result<ToolView>> GoOnlineAsync(Guid agreementId, Guid toolId, AgreementGrant grant, Actor actor, ToolOnlineInput input, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, toolId, grant, input.Version, ToolRight.Carry, (a, t) => Task.FromResult(t.GoOnline(a, input.On, actor.Name, Today)), ct);

    /// <summary>The secretariat records a tool found online: without the approvals it is non-compliant, and the ministries are told.</summary>
    public Task<Result<ToolView>> RecordFoundOnlineAsync(Guid agreementId, Guid toolId, AgreementGrant grant, Actor actor, ToolOnlineInput input, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, toolId, grant, input.Version, ToolRight.Steer, async (agreement, tool) =>
        {
            var result = tool.RecordFoundOnline(agreement, input.On, actor.Name, Today);
            if (result.IsSuccess && tool.WentOnlineWithoutApproval)
            {
                await notifier.NotifyAsync(
                    new Notice($"tool-non-compliant:{tool.Id}:{tool.OnlineOn:yyyyMMdd}", agreementId, agreement.Reference, NoticeKind.Event,
                        $"Outil « {tool.Name} » en ligne sans l'accord des ministères : non conforme (art. 12)",
                        $"L'outil « {tool.Name} » est en ligne depuis le {FrenchText.Date(tool.OnlineOn!.Value)} sans l'accord de chaque ministère sur ses fiches RGPD et de transparence. Il est enregistré comme non conforme (art. 12).",
                        notifier.Url(PathOf(tool)), Statutory: true),
                    await notifier.MembersAsync(agreementId, m => m.Role is AgreementRole.Secretariat or AgreementRole.ReviewingDirectorate, ct), ct);
            }

            return result;
        }, ct);

    public Task<Result<ToolView>> TakeOfflineAsync(Guid agreementId, Guid toolId, AgreementGrant grant, int? version, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, toolId, grant, version, ToolRight.Carry, (_, t) => Task.FromResult(t.TakeOffline()), ct);

    public static string PathOf(DigitalTool tool) => $"/conventions/{tool.AgreementId}/outils/{tool.Id}";

    public static bool Carries(AgreementGrant grant, SheetRef sheet) =>
        ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator)
        || ActionSheetAccess.CarriedOrganisations(grant.Memberships).Contains(sheet.CarrierOrganisation, StringComparer.OrdinalIgnoreCase);

    private static ToolView View(Agreement agreement, DigitalTool tool, SheetRef sheet) =>
        new(tool, sheet, tool.StatusIn(agreement), tool.MissingBeforeOnline(agreement));

    /// <summary>When the sheets become complete, the ministries are asked for their agreement (once per revision).</summary>
    private async Task<Result> AfterSheetChangeAsync(Agreement agreement, DigitalTool tool, Func<Result> change, CancellationToken ct)
    {
        var before = tool.SheetsRevision;
        var result = change();
        if (result.IsSuccess && tool.SheetsRevision != before && tool.Gdpr.IsComplete && tool.Algorithm.IsComplete && tool.OnlineOn is null)
        {
            await notifier.NotifyAsync(
                new Notice($"tool-sheets:{tool.Id}:{tool.SheetsRevision}", agreement.Id, agreement.Reference, NoticeKind.Event,
                    $"Outil « {tool.Name} » : accord demandé avant sa mise en ligne (art. 12)",
                    $"Les fiches RGPD et de transparence des algorithmes de l'outil « {tool.Name} » sont complètes. L'outil ne peut être mis en ligne qu'avec l'accord de chaque ministère (art. 12).",
                    notifier.Url(PathOf(tool))),
                await notifier.MembersAsync(agreement.Id, m => m.Role == AgreementRole.ReviewingDirectorate, ct), ct);
        }

        return result;
    }

    private enum ToolRight
    {
        See,
        Carry,
        Steer,
    }

    private async Task<Result<ToolView>> ExecuteAsync(Guid agreementId, Guid toolId, AgreementGrant grant, int? version, ToolRight right, Func<Agreement, DigitalTool, Task<Result>> action, CancellationToken ct)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var tool = await db.DigitalTools.FirstOrDefaultAsync(t => t.Id == toolId && t.AgreementId == agreementId, ct);
        if (agreement is null || tool is null)
        {
            return NotFound;
        }

        var sheet = (await sheetRefs.OfAsync(agreementId, [tool.ActionSheetId], ct))[tool.ActionSheetId];
        var carries = Carries(grant, sheet);
        if (!carries && !LogoCommands.SeesWholeRegister(grant))
        {
            return NotFound;
        }

        if ((right == ToolRight.Carry && !carries) || (right == ToolRight.Steer && !grant.Can(AgreementPermission.SteerActions)))
        {
            return DomainError.Forbidden("tool.forbidden", right == ToolRight.Carry
                ? "Seul le porteur de l'action qui finance l'outil, ou le secrétariat, le modifie."
                : "Seul le secrétariat enregistre un outil trouvé en ligne.");
        }

        if (tool.Version != version)
        {
            return Conflict;
        }

        var result = await action(agreement, tool);
        if (result.IsFailure)
        {
            return Result<ToolView>.Failure(result.Errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return View(agreement, tool, sheet);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict;
        }
    }
}

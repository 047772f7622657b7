using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements: the agreements, their parties, signatories and cooperation axes.</summary>
public static class AgreementsApi
{
    public static void MapAgreementsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Conventions");

        group.MapGet("", ListAsync).WithSummary("Les conventions auxquelles j'ai accès");
        group.MapPost("", CreateAsync).WithSummary("Créer une convention (administrateur)");
        group.MapGet("/{id:guid}", GetAsync).RequireAgreement(AgreementPermission.View).WithSummary("Une convention : parties, comité, termes et dates calculées avec leur article");
        group.MapPut("/{id:guid}", CorrectAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Corriger la description et les termes (version obligatoire)");
        group.MapGet("/{id:guid}/parties", PartiesAsync).RequireAgreement(AgreementPermission.View).WithSummary("Les parties");
        group.MapPost("/{id:guid}/parties", AddPartyAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter une partie");
        group.MapPost("/{id:guid}/signatories", AddSignatoryAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un signataire");
        group.MapPut("/{id:guid}/yearly-ceilings/{year:int}", SetYearlyCeilingAsync).RequireAgreement(AgreementPermission.EditAgreement)
            .WithSummary("Fixer le plafond annuel d'une année (en centimes)");
        group.MapPost("/{id:guid}/axes", AddAxisAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un axe de coopération");
    }

    private static async Task<Ok<List<AgreementSummaryDto>>> ListAsync(HttpContext http, AgreementAccess access, AgreementCommands commands, Data.CopilDbContext db)
    {
        var ids = access.VisibleAgreementIds(http.User);
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Termination).Where(a => ids.Contains(a.Id)).OrderBy(a => a.Reference).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(agreements.Select(a => new AgreementSummaryDto(a.Id, a.Reference, a.Title, a.SignedOn, a.LastDayInForce, a.StatusOn(commands.Today))).ToList());
    }

    private static async Task<Results<Created<AgreementDto>, Refusal>> CreateAsync(AgreementInput input, HttpContext http, AgreementCommands commands)
    {
        if (!http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
        {
            return new Refusal([DomainError.Forbidden("agreement.create.forbidden", "Seul un administrateur de la plateforme crée une convention.")]);
        }

        var result = await commands.CreateAsync(input.ToDetails(), input.Terms ?? new(), http.RequestAborted);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/agreements/{result.Value.Id}", AgreementDto.From(result.Value, commands.Today)) : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<AgreementDto>, Refusal>> GetAsync(Guid id, AgreementCommands commands, AgreementReader reader, CancellationToken ct) =>
        await reader.LoadAsync(id, ct) is { } a ? TypedResults.Ok(AgreementDto.From(a, commands.Today)) : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Ok<AgreementDto>, Refusal>> CorrectAsync(Guid id, AgreementInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.CorrectAsync(id, input.Version, input.ToDetails(), input.Terms, ct);
        return result.IsSuccess ? TypedResults.Ok(AgreementDto.From(result.Value, commands.Today)) : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<IReadOnlyList<PartyDto>>, Refusal>> PartiesAsync(Guid id, AgreementCommands commands, AgreementReader reader, CancellationToken ct) =>
        await reader.LoadAsync(id, ct) is { } a ? TypedResults.Ok(AgreementDto.From(a, commands.Today).Parties) : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Created<PartyDto>, Refusal>> AddPartyAsync(Guid id, PartyInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.AddPartyAsync(id, input.Version, input.Kind, input.Name, input.ShortName, input.ReviewingDirectorate, input.ReviewingDirectorateName, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/parties",
                new PartyDto(result.Value.Id, result.Value.Kind, result.Value.Name, result.Value.ShortName, result.Value.ReviewingDirectorate, result.Value.ReviewingDirectorateName))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Created<SignatoryDto>, Refusal>> AddSignatoryAsync(Guid id, SignatoryInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.AddSignatoryAsync(id, input.Version, input.PartyId, input.Name, input.Role, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}", new SignatoryDto(result.Value.Id, result.Value.PartyId, result.Value.Name, result.Value.Role))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<List<YearlyCeilingDto>>, Refusal>> SetYearlyCeilingAsync(Guid id, int year, YearlyCeilingInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.SetYearlyCeilingAsync(id, input.Version, year, input.AmountCents, ct);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value.YearlyCeilings.OrderBy(c => c.Year).Select(c => new YearlyCeilingDto(c.Year, c.AmountCents)).ToList())
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Created<AxisDto>, Refusal>> AddAxisAsync(Guid id, AxisInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.AddAxisAsync(id, input.Version, input.Title, input.Article, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}", new AxisDto(result.Value.Id, result.Value.Position, result.Value.Title, result.Value.Article))
            : new Refusal(result.Errors);
    }
}

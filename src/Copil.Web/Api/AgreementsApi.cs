using Copil.Domain.Access;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements: the agreements, their parties, signatories and cooperation axes.</summary>
public static class AgreementsApi
{
    public static void MapAgreementsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Conventions");

        group.MapGet("", async (HttpContext http, AgreementAccess access, AgreementCommands commands, Data.CopilDbContext db) =>
        {
            var ids = access.VisibleAgreementIds(http.User);
            var agreements = await db.Agreements.Include(a => a.Termination).Where(a => ids.Contains(a.Id)).OrderBy(a => a.Reference).ToListAsync(http.RequestAborted);
            return TypedResults.Ok(agreements.Select(a => new AgreementSummaryDto(a.Id, a.Reference, a.Title, a.SignedOn, a.LastDayInForce, a.StatusOn(commands.Today))).ToList());
        }).WithSummary("Les conventions auxquelles j'ai accès");

        group.MapPost("", async (AgreementInput input, HttpContext http, AgreementCommands commands, MembershipCommands memberships) =>
        {
            if (!http.User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
            {
                return TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: "Seul un administrateur de la plateforme crée une convention.");
            }

            var result = await commands.CreateAsync(input.ToDetails(), input.Terms ?? new(), http.RequestAborted);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{result.Value.Id}", AgreementDto.From(result.Value, commands.Today))
                : ApiSupport.Problem(result.Errors);
        }).WithSummary("Créer une convention (administrateur)").Produces<AgreementDto>(201).ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, AgreementCommands commands, CancellationToken ct) =>
            await commands.LoadAsync(id, ct) is { } a ? TypedResults.Ok(AgreementDto.From(a, commands.Today)) : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.View)
            .WithSummary("Une convention : parties, comité, termes et dates calculées avec leur article").Produces<AgreementDto>();

        group.MapPut("/{id:guid}", async (Guid id, AgreementInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.CorrectAsync(id, input.Version, input.ToDetails(), input.Terms, ct);
            return result.IsSuccess ? TypedResults.Ok(AgreementDto.From(result.Value, commands.Today)) : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement)
            .WithSummary("Corriger la description et les termes (version obligatoire)").Produces<AgreementDto>().ProducesValidationProblem().ProducesProblem(409);

        group.MapGet("/{id:guid}/parties", async (Guid id, AgreementCommands commands, CancellationToken ct) =>
            await commands.LoadAsync(id, ct) is { } a ? TypedResults.Ok(AgreementDto.From(a, commands.Today).Parties) : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.View).WithSummary("Les parties").Produces<IReadOnlyList<PartyDto>>();

        group.MapPost("/{id:guid}/parties", async (Guid id, PartyInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.AddPartyAsync(id, input.Version, input.Kind, input.Name, input.ShortName, input.ReviewingDirectorate, input.ReviewingDirectorateName, ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}/parties", new PartyDto(result.Value.Id, result.Value.Kind, result.Value.Name, result.Value.ShortName, result.Value.ReviewingDirectorate, result.Value.ReviewingDirectorateName))
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter une partie").Produces<PartyDto>(201).ProducesValidationProblem();

        group.MapPost("/{id:guid}/signatories", async (Guid id, SignatoryInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.AddSignatoryAsync(id, input.Version, input.PartyId, input.Name, input.Role, ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}", new SignatoryDto(result.Value.Id, result.Value.PartyId, result.Value.Name, result.Value.Role))
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un signataire").Produces<SignatoryDto>(201).ProducesValidationProblem();

        group.MapPut("/{id:guid}/yearly-ceilings/{year:int}", async (Guid id, int year, YearlyCeilingInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.SetYearlyCeilingAsync(id, input.Version, year, input.AmountCents, ct);
            return result.IsSuccess
                ? TypedResults.Ok(result.Value.YearlyCeilings.OrderBy(c => c.Year).Select(c => new YearlyCeilingDto(c.Year, c.AmountCents)).ToList())
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Fixer le plafond annuel d'une année (en centimes)").Produces<List<YearlyCeilingDto>>().ProducesValidationProblem();

        group.MapPost("/{id:guid}/axes", async (Guid id, AxisInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.AddAxisAsync(id, input.Version, input.Title, input.Article, ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}", new AxisDto(result.Value.Id, result.Value.Position, result.Value.Title, result.Value.Article))
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un axe de coopération").Produces<AxisDto>(201).ProducesValidationProblem();
    }
}

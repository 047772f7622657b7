using Copil.Domain.Access;
using Copil.Web.Features.Agreements;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/termination: the notice of termination and its computed effective date.</summary>
public static class TerminationApi
{
    public static void MapTerminationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/termination").WithTags("Résiliation");

        group.MapGet("", async (Guid id, AgreementCommands commands, CancellationToken ct) =>
        {
            var agreement = await commands.LoadAsync(id, ct);
            return agreement is null ? ApiSupport.NotFound()
                : AgreementDto.TerminationOf(agreement, commands.Today) is { } termination ? TypedResults.Ok(termination)
                : TypedResults.Problem(statusCode: 404, title: "Aucune résiliation", detail: "Aucune résiliation n'a été notifiée pour cette convention.");
        }).RequireAgreement(AgreementPermission.View).WithSummary("La résiliation notifiée, s'il y en a une").Produces<TerminationDto>();

        group.MapPost("", async (Guid id, TerminationInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.RecordTerminationAsync(id, input.Version, input.PartyId, input.ReceivedOn, input.RequestedEffectiveOn, input.Reason, ct);
            if (result.IsFailure)
            {
                return ApiSupport.Problem(result.Errors);
            }

            var agreement = await commands.LoadAsync(id, ct);
            return TypedResults.Created($"/api/v1/agreements/{id}/termination", AgreementDto.TerminationOf(agreement!, commands.Today));
        }).RequireAgreement(AgreementPermission.RecordTermination)
            .WithSummary("Enregistrer la notification d'une résiliation ; la date d'effet est calculée (délai de préavis à compter de la réception)")
            .Produces<TerminationDto>(201).ProducesValidationProblem();

        api.MapPost("/agreements/{id:guid}/void", async (Guid id, VoidInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.DeclareVoidAsync(id, input.Version, input.On, input.Reason ?? "", ct);
            return result.IsSuccess ? TypedResults.Ok(AgreementDto.From(result.Value, commands.Today)) : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.RecordTermination).WithTags("Résiliation")
            .WithSummary("Constater que la convention est devenue caduque (par exemple, usage non autorisé des logos)")
            .Produces<AgreementDto>().ProducesValidationProblem();
    }
}

using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/termination: the notice of termination and its computed effective date.</summary>
public static class TerminationApi
{
    public static void MapTerminationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/termination").WithTags("Résiliation");

        group.MapGet("", GetAsync).RequireAgreement(AgreementPermission.View).WithSummary("La résiliation notifiée, s'il y en a une");
        group.MapPost("", RecordAsync).RequireAgreement(AgreementPermission.RecordTermination)
            .WithSummary("Enregistrer la notification d'une résiliation ; la date d'effet est calculée (délai de préavis à compter de la réception)");
        api.MapPost("/agreements/{id:guid}/void", DeclareVoidAsync).RequireAgreement(AgreementPermission.RecordTermination).WithTags("Résiliation")
            .WithSummary("Constater que la convention est devenue caduque (par exemple, usage non autorisé des logos)");
    }

    private static async Task<Results<Ok<TerminationDto>, Refusal>> GetAsync(Guid id, AgreementCommands commands, AgreementReader reader, CancellationToken ct) =>
        await reader.LoadAsync(id, ct) is not { } agreement ? new Refusal([AgreementCommands.NotFound])
        : AgreementDto.TerminationOf(agreement, commands.Today) is { } termination ? TypedResults.Ok(termination)
        : new Refusal([DomainError.NotFound("Aucune résiliation n'a été notifiée pour cette convention.")]);

    private static async Task<Results<Created<TerminationDto>, Refusal>> RecordAsync(Guid id, TerminationInput input, AgreementCommands commands, AgreementReader reader, CancellationToken ct)
    {
        var result = await commands.RecordTerminationAsync(id, input.Version, input.PartyId, input.ReceivedOn, input.RequestedEffectiveOn, input.Reason, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/termination", AgreementDto.TerminationOf((await reader.LoadAsync(id, ct))!, commands.Today))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<AgreementDto>, Refusal>> DeclareVoidAsync(Guid id, VoidInput input, AgreementCommands commands, CancellationToken ct) =>
        ApiSupport.OkOrRefusal(await commands.DeclareVoidAsync(id, input.Version, input.On, input.Reason ?? "", ct), a => AgreementDto.From(a, commands.Today));
}

using Copil.Domain.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/amendments: the avenants and what each changed.</summary>
public static class AmendmentsApi
{
    public static void MapAmendmentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/amendments").WithTags("Avenants");

        group.MapGet("", ListAsync).RequireAgreement(AgreementPermission.View).WithSummary("L'historique des avenants");
        group.MapPost("", AmendAsync).RequireAgreement(AgreementPermission.RecordAmendment).WithSummary("Enregistrer un avenant signé");
    }

    private static async Task<Results<Ok<List<AmendmentDto>>, Refusal>> ListAsync(Guid id, AgreementCommands commands, AgreementReader reader, CancellationToken ct) =>
        await reader.LoadAsync(id, ct) is { } a ? TypedResults.Ok(a.Amendments.OrderBy(x => x.Number).Select(AmendmentDto.From).ToList()) : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Created<AmendmentDto>, Refusal>> AmendAsync(Guid id, AmendmentInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.AmendAsync(id, input.Version, input.ToDomain(), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/agreements/{id}/amendments", AmendmentDto.From(result.Value)) : new Refusal(result.Errors);
    }
}

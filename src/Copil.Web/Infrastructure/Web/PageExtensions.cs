using Copil.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Copil.Web.Infrastructure.Web;

public static class PageExtensions
{
    /// <summary>Puts each domain refusal next to its field ("Input.Field"), or in the summary when it has none.</summary>
    public static void AddDomainErrors(this ModelStateDictionary modelState, IEnumerable<DomainError> errors, string prefix = "Input")
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field is null ? "" : $"{prefix}.{error.Field}", error.Message);
        }
    }
}

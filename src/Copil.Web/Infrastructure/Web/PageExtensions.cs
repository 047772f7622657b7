using Copil.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Copil.Web.Infrastructure.Web;

public static class PageExtensions
{
    /// <summary>ViewData key of the summary links that land on another page (model-state key → URL with the field's anchor).</summary>
    public const string ErrorLinksKey = "ErrorLinks";

    /// <summary>
    /// Puts each refusal next to its field when the field is on this page (<paramref name="isHere"/>), else in the summary
    /// with a link to the same field on <paramref name="otherPage"/> (where the person corrects it, prefixed "Input").
    /// </summary>
    public static void AddDomainErrors(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, IEnumerable<DomainError> errors, string prefix, Func<string, bool> isHere, string otherPage)
    {
        var links = page.ViewData[ErrorLinksKey] as Dictionary<string, string> ?? [];
        foreach (var error in errors)
        {
            if (error.Field is null || isHere(error.Field.Split('.', '[')[0]))
            {
                page.ModelState.AddModelError(error.Field is null ? "" : $"{prefix}.{error.Field}", error.Message);
                continue;
            }

            var key = $"Input.{error.Field}";
            page.ModelState.AddModelError(key, error.Message);
            links[key] = $"{otherPage}#{Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(key, "_")}";
        }

        page.ViewData[ErrorLinksKey] = links;
    }

    /// <summary>Puts each domain refusal next to its field ("Input.Field"), or in the summary when it has none.</summary>
    /// <summary>
    /// Marks a required field left empty, unless binding already said why it is wrong ("2024-13-01" is not a date). An
    /// empty value posted binds to null *with* an entry in the model state and no error: testing only for the entry
    /// would let it through.
    /// </summary>
    public static void RequireValue(this ModelStateDictionary modelState, string key, bool hasValue, string message)
    {
        if (!hasValue && modelState[key]?.Errors.Count is null or 0)
        {
            modelState.AddModelError(key, message);
        }
    }

    public static void AddDomainErrors(this ModelStateDictionary modelState, IEnumerable<DomainError> errors, string prefix = "Input")
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field is null ? "" : $"{prefix}.{error.Field}", error.Message);
        }
    }
}

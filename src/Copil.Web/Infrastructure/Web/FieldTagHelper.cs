using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Copil.Web.Infrastructure.Web;

/// <summary>
/// One accessible form field: label, optional hint, the control, and the French error next to it
/// (aria-describedby, aria-invalid), so that every form of the product reads the same way (RGAA 11).
/// <c>&lt;copil-field for="Input.Title" label="Intitulé" hint="…" kind="text|date|number|textarea|select|checkbox" items="…" /&gt;</c>
/// </summary>
[HtmlTargetElement("copil-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    public string Kind { get; set; } = "text";

    public IEnumerable<SelectListItem>? Items { get; set; }

    public bool Required { get; set; }

    public string? Autocomplete { get; set; }

    /// <summary>The height of a textarea, in lines (a long text such as minutes gets a larger editor).</summary>
    public int Rows { get; set; } = 4;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];
        var value = state?.AttemptedValue ?? Format(For.Model);
        var describedBy = new List<string>();
        var e = encoder;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field--error" : "field");
        var html = new System.Text.StringBuilder();
        var requiredMark = Required ? " <span class=\"required\">(obligatoire)</span>" : "";

        if (Kind == "checkbox")
        {
            var isChecked = state?.AttemptedValue is { } attempted ? attempted.StartsWith("true", StringComparison.OrdinalIgnoreCase) : For.Model is true;
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"checkbox\"><input type=\"checkbox\" id=\"{id}\" name=\"{e.Encode(name)}\" value=\"true\"{(isChecked ? " checked" : "")}{Described(id, errors.Count > 0, Hint is not null)} />");
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{e.Encode(name)}\" value=\"false\" />");
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{e.Encode(Label)}</label></div>");
            AppendHintAndErrors(html, id, errors);
            output.Content.SetHtmlContent(html.ToString());
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{e.Encode(Label)}{requiredMark}</label>");
        AppendHintAndErrors(html, id, errors);
        var common = $" id=\"{id}\" name=\"{e.Encode(name)}\"{(Required ? " required" : "")}{(Autocomplete is null ? "" : $" autocomplete=\"{e.Encode(Autocomplete)}\"")}{Described(id, errors.Count > 0, Hint is not null)}";
        switch (Kind)
        {
            case "textarea":
                html.Append(CultureInfo.InvariantCulture, $"<textarea{common} rows=\"{Rows}\">{e.Encode(value ?? "")}</textarea>");
                break;
            case "select":
                html.Append(CultureInfo.InvariantCulture, $"<select{common}>");
                foreach (var item in Items ?? [])
                {
                    var selected = string.Equals(item.Value, value, StringComparison.Ordinal) ? " selected" : "";
                    html.Append(CultureInfo.InvariantCulture, $"<option value=\"{e.Encode(item.Value ?? "")}\"{selected}>{e.Encode(item.Text)}</option>");
                }

                html.Append("</select>");
                break;
            default:
                var type = Kind switch { "date" => "date", "number" => "number", "email" => "email", "password" => "password", _ => "text" };
                var extra = Kind == "number" ? " inputmode=\"numeric\"" : "";
                var shownValue = Kind == "password" ? "" : value;
                html.Append(CultureInfo.InvariantCulture, $"<input type=\"{type}\"{common}{extra} value=\"{e.Encode(shownValue ?? "")}\" />");
                break;
        }

        output.Content.SetHtmlContent(html.ToString());

        string Described(string fieldId, bool hasError, bool hasHint)
        {
            describedBy.Clear();
            if (hasHint)
            {
                describedBy.Add($"{fieldId}-hint");
            }

            if (hasError)
            {
                describedBy.Add($"{fieldId}-error");
            }

            return (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "") + (hasError ? " aria-invalid=\"true\"" : "");
        }
    }

    private void AppendHintAndErrors(System.Text.StringBuilder html, string id, List<string> errors)
    {
        var e = encoder;
        if (Hint is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\" id=\"{id}-hint\">{e.Encode(Hint)}</p>");
        }

        if (errors.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"error-message\" id=\"{id}-error\"><span class=\"sr-only\">Erreur : </span>{e.Encode(string.Join(" ", errors))}</p>");
        }
    }

    private static string? Format(object? model) => model switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum en => Convert.ToInt32(en, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}

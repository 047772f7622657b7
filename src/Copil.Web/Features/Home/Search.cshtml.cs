using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Home;

/// <summary>The header's search (GET, so the query stays in the address and works without JavaScript).</summary>
public sealed class SearchModel(SearchQueries search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>« Dans la convention » : one agreement, kept in the address.</summary>
    [BindProperty(SupportsGet = true, Name = "convention")]
    public Guid? Within { get; set; }

    public SearchResults? Results { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var query = (Query ?? "").Trim();
        if (query.Length == 0)
        {
            return;
        }

        // One character finds too much, unless it is a sheet's number (« 7 »).
        if ((query.Length < 2 && !query.All(char.IsAsciiDigit)) || query.Length > 200)
        {
            Error = "Saisissez entre 2 et 200 caractères, ou un numéro de fiche.";
            return;
        }

        Results = await search.SearchAsync(User, query, Within, HttpContext.RequestAborted);
    }
}

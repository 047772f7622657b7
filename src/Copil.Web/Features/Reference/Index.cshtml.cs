using Copil.Domain.Common;
using Copil.Domain.Reference;
using Copil.Web.Identity;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Copil.Web.Features.Reference;

public sealed class IndexModel(CampusCommands campuses) : PageModel
{
    [BindProperty]
    public CampusForm Input { get; set; } = new();

    public List<TradesCampus> Campuses { get; private set; } = [];

    public IReadOnlyList<AcademicRegion> Regions => Territories.Regions;

    public IReadOnlyList<Academy> Academies => Territories.Academies;

    public bool IsAdministrator => User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    public IEnumerable<SelectListItem> RegionItems =>
        Regions.OrderBy(r => r.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false))
            .Select(r => new SelectListItem(r.Name, r.Code)).Prepend(new SelectListItem("Choisir une région académique", ""));

    public string RegionName(string code) => Regions.FirstOrDefault(r => r.Code == code)?.Name ?? code;

    public sealed class CampusForm
    {
        public string? Name { get; set; }

        public string? RegionCode { get; set; }

        public string? Sector { get; set; }

        public bool IsExcellence { get; set; }
    }

    public async Task OnGetAsync() => Campuses = await campuses.ListAsync();

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", "Choisissez un fichier CSV.");
        }
        else if (file.Length > 2_000_000)
        {
            ModelState.AddModelError("File", "Le fichier dépasse 2 Mo.");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var result = await campuses.ImportCsvAsync(stream);
            if (result.IsSuccess)
            {
                TempData["Success"] = $"{FrenchText.Plural(result.Value, "campus importé", "campus importés")}.";
                return RedirectToPage();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("File", error.Message);
            }
        }

        Campuses = await campuses.ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        var result = await campuses.AddAsync(Input.Name ?? "", Input.RegionCode ?? "", Input.Sector ?? "", Input.IsExcellence);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors);
            Campuses = await campuses.ListAsync();
            return Page();
        }

        TempData["Success"] = "Le campus est ajouté.";
        return RedirectToPage();
    }
}

using Copil.Domain.Common;
using Copil.Domain.Reference;
using Copil.Web.Identity;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Copil.Web.Features.Reference;

public sealed class EditCampusModel(CampusCommands campuses) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid CampusId { get; set; }

    [BindProperty]
    public CampusForm Input { get; set; } = new();

    public sealed class CampusForm
    {
        public string? Name { get; set; }

        public string? RegionCode { get; set; }

        public string? Sector { get; set; }

        public bool IsExcellence { get; set; }

        public int Version { get; set; }
    }

    public IEnumerable<SelectListItem> RegionItems =>
        Territories.Regions.OrderBy(r => r.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false))
            .Select(r => new SelectListItem(r.Name, r.Code)).Prepend(new SelectListItem("Choisir une région académique", ""));

    private bool IsAdministrator => User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        if (await campuses.FindAsync(CampusId) is not { } campus)
        {
            return NotFound();
        }

        Input = new CampusForm { Name = campus.Name, RegionCode = campus.RegionCode, Sector = campus.Sector, IsExcellence = campus.IsExcellence, Version = campus.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        var result = await campuses.ChangeAsync(CampusId, Input.Version, Input.Name ?? "", Input.RegionCode ?? "", Input.Sector ?? "", Input.IsExcellence);
        if (result.IsSuccess)
        {
            TempData["Success"] = "Le campus est modifié.";
            return Redirect("/referentiels");
        }

        if (result.FailureKind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (result.FailureKind == ErrorKind.Conflict && await campuses.FindAsync(CampusId) is { } current)
        {
            ModelState.Remove("Input.Version");
            Input.Version = current.Version;
        }

        ModelState.AddDomainErrors(result.Errors);
        return Page();
    }
}

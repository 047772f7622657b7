using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Web.Documents;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Reporting;

/// <summary>The bilan annuel of one year (art. 15): figures from what was recorded, the qualitative part, presentation, validation by the signatories, exports.</summary>
[AgreementPermission(AgreementPermission.ViewReports)]
public sealed class AnnualReportPageModel(AgreementRulesReport rulesReport, Materials.MaterialCommands materials, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public TextForm Text { get; set; } = new();

    [BindProperty]
    public PresentationForm Presentation { get; set; } = new();

    [BindProperty]
    public ResponseForm Answer { get; set; } = new();

    public sealed class TextForm
    {
        public List<SectionInput> Sections { get; set; } = [];

        public int? Version { get; set; }
    }

    public sealed class SectionInput
    {
        public Guid? AxisId { get; set; }

        public string? Text { get; set; }
    }

    public sealed class PresentationForm
    {
        public DateOnly? CommissionPresentedOn { get; set; }

        public DateOnly? BoardPresentedOn { get; set; }

        public int? Version { get; set; }
    }

    public sealed class ResponseForm
    {
        public Guid? PartyId { get; set; }

        public bool Validate { get; set; }

        public string? Comment { get; set; }

        public int? Version { get; set; }
    }

    public Agreement Agreement { get; private set; } = null!;

    public AnnualReport? Report { get; private set; }

    public AnnualReportFigures Figures { get; private set; } = null!;

    public IReadOnlyList<FigureTable> Tables { get; private set; } = [];

    /// <summary>Art. 10, 11 and 12 in the year: loans and donations, logos, digital tools (non-compliant ones named).</summary>
    public AgreementRulesYear? Rules { get; private set; }

    public DateOnly Today => commands.Today;

    public bool CanSteer => HttpContext.Grant().Can(AgreementPermission.SteerActions);

    /// <summary>The signatory parties the caller answers for and whose answer is still awaited.</summary>
    public IReadOnlyList<Party> MyAwaitedParties { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetDocumentAsync(string? format, int? version)
    {
        await LoadAsync();
        if (Report is null || (version is { } v && Report.Versions.All(x => x.Number != v)))
        {
            return NotFound();
        }

        var doc = ReportingDocuments.AnnualReport(Agreement, Report, version ?? Report.CurrentVersion.Number, Figures, Today, Rules);
        var (content, type, extension) = ReportingDocuments.Render(doc, format == "docx" ? "docx" : "pdf");
        return File(content, type, $"bilan-{Year}-{Agreement.Reference.ToLowerInvariant()}-v{version ?? Report.CurrentVersion.Number}.{extension}");
    }

    public async Task<IActionResult> OnGetAnnexAsync()
    {
        await LoadAsync();
        return File(ReportingDocuments.Annex(Figures.Dashboard, Figures.Actions, Agreement), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"bilan-{Year}-{Agreement.Reference.ToLowerInvariant()}-annexe.xlsx");
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        var opened = await commands.OpenReportAsync(Id, Year, HttpContext.RequestAborted);
        return await AfterAsync(opened, "", "Le bilan est ouvert : rédigez sa partie qualitative.");
    }

    public async Task<IActionResult> OnPostTextAsync()
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        var sections = Text.Sections.Select(s => new QualitativeSection(s.AxisId, "", s.Text ?? "")).ToList();
        return await AfterAsync(await commands.EditTextAsync(Id, Year, Text.Version, sections, HttpContext.RequestAborted), "Text", "Texte enregistré.", keepInput: true);
    }

    public async Task<IActionResult> OnPostPresentationAsync()
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        return await AfterAsync(await commands.RecordPresentationAsync(Id, Year, Presentation.Version, Presentation.CommissionPresentedOn, Presentation.BoardPresentedOn, HttpContext.RequestAborted),
            "Presentation", "Dates de présentation enregistrées.");
    }

    public async Task<IActionResult> OnPostSendAsync(int? version)
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        return await AfterAsync(await commands.SendAsync(Id, Year, version, HttpContext.RequestAborted), "", "Le bilan est adressé aux signataires pour validation.");
    }

    public async Task<IActionResult> OnPostRespondAsync()
    {
        var grant = HttpContext.Grant();
        if (!grant.Can(AgreementPermission.ValidateAnnualReport))
        {
            return StatusCode(403);
        }

        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        if (Answer.PartyId is not { } party || !AnnualReport.PartiesAnsweredBy(Agreement, grant.Memberships).Contains(party))
        {
            ModelState.AddModelError("Answer.PartyId", "Choisissez le signataire pour lequel vous répondez.");
            await LoadAsync();
            return Page();
        }

        return await AfterAsync(await commands.RespondAsync(Id, Year, Answer.Version, party, Answer.Validate, Answer.Comment, Actor.Of(User).Name, HttpContext.RequestAborted),
            "Answer", Answer.Validate ? "Votre validation est enregistrée." : "Vos remarques sont transmises au secrétariat.");
    }

    private async Task<IActionResult> AfterAsync<T>(Copil.Domain.Common.Result<T> result, string prefix, string success, bool keepInput = false)
    {
        if (result.IsSuccess)
        {
            TempData["Success"] = success;
            return Redirect(ReportingCommands.ReportPath(Id, Year));
        }

        ModelState.AddDomainErrors(result.Errors, prefix);
        await LoadAsync(keepInput);
        return Page();
    }

    private async Task LoadAsync(bool keepInput = false)
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        Report = await commands.LoadReportAsync(Id, Year, HttpContext.RequestAborted);
        Figures = await reporting.ReportAsync(Agreement, Year, HttpContext.RequestAborted);
        Tables = [.. DashboardTables.For(Figures.Dashboard), MaterialTable.For(await materials.FiguresAsync(Id, Figures.Dashboard.Year, HttpContext.RequestAborted))];
        Rules = await rulesReport.ForYearAsync(Agreement, Year, HttpContext.RequestAborted);
        if (Report is not null)
        {
            if (!keepInput)
            {
                Text = new TextForm { Version = Report.Version, Sections = [.. Report.CurrentVersion.Sections.Select(s => new SectionInput { AxisId = s.AxisId, Text = s.Text })] };
            }

            Presentation.Version ??= Report.Version;
            Presentation.CommissionPresentedOn ??= Report.CommissionPresentedOn;
            Presentation.BoardPresentedOn ??= Report.BoardPresentedOn;
            Answer.Version ??= Report.Version;
            var mine = AnnualReport.PartiesAnsweredBy(Agreement, HttpContext.Grant().Memberships);
            MyAwaitedParties = [.. Report.Awaited(Agreement).Where(p => mine.Contains(p.Id))];
        }
    }

    public string SectionHeading(Guid? axisId) =>
        axisId is { } id ? Agreement.Axes.FirstOrDefault(a => a.Id == id)?.Title ?? "Axe" : "Synthèse de l'année";
}

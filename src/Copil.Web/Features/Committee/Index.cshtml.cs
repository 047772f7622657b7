using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Copil.Web.Features.Committee;

/// <summary>The steering committee of an agreement: its meetings and, year by year, whether the calendar of art. 14 was kept.</summary>
[AgreementPermission(AgreementPermission.ViewMeetings)]
public sealed class IndexModel(MeetingCommands meetings, AgreementReader agreements, ConsultationCommands consultations) : PageModel
{
    [BindProperty]
    public ConsultationForm Consult { get; set; } = new();

    public sealed class ConsultationForm
    {
        public string? Subject { get; set; }

        public DateOnly? ClosesOn { get; set; }

        public List<Guid>? SheetIds { get; set; }

        public string? OtherPoint { get; set; }
    }

    public List<Consultation> Consultations { get; private set; } = [];

    public List<Copil.Domain.Actions.ActionSheet> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnPostConsultAsync()
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        var opened = await consultations.OpenAsync(Id, Consult.Subject, Consult.ClosesOn, Consult.SheetIds ?? [], Consult.OtherPoint, HttpContext.RequestAborted);
        if (opened.IsSuccess)
        {
            TempData["Success"] = "La consultation est ouverte : chaque titulaire de siège reçoit ses liens de vote personnels par courriel.";
            return Redirect(ConsultationCommands.ConsultationPath(Id, opened.Value.Id));
        }

        ModelState.AddDomainErrors(opened.Errors, "Consult");
        await LoadAsync();
        return Page();
    }

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public MeetingDetails Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public List<Meeting> Meetings { get; private set; } = [];

    public List<(int Year, IReadOnlyList<CalendarCheck> Checks)> Years { get; private set; } = [];

    public bool CanSteer => HttpContext.Grant().Can(AgreementPermission.SteerActions);

    /// <summary>False for an invitee, who sees the meetings and their documents only.</summary>
    public bool CanViewAgreement => HttpContext.Grant().Can(AgreementPermission.View);

    public bool CanRecordBoard => HttpContext.Grant().Can(AgreementPermission.RecordBoardDecisions);

    public DateOnly Today => meetings.Today;

    public IEnumerable<SelectListItem> Kinds => MeetingKinds;

    /// <summary>The kinds of meeting, valued as the field helper writes an enum (its number), so the current one shows selected.</summary>
    public static IEnumerable<SelectListItem> MeetingKinds => Enum.GetValues<MeetingKind>().Select(k => new SelectListItem(Meeting.KindLabel(k), ((int)k).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = new MeetingDetails { Year = Today.Year };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        if (ModelState.IsValid)
        {
            var planned = await meetings.PlanAsync(Id, Input, HttpContext.RequestAborted);
            if (planned.IsSuccess)
            {
                TempData["Success"] = "La réunion est planifiée : composez son ordre du jour, puis convoquez les membres.";
                return Redirect($"/conventions/{Id}/comite/{planned.Value.Id}");
            }

            ModelState.AddDomainErrors(planned.Errors);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        Meetings = await meetings.ListAsync(Id, HttpContext.RequestAborted);
        Consultations = await consultations.ListAsync(Id, HttpContext.RequestAborted);
        if (CanSteer)
        {
            Candidates = [.. (await meetings.SheetsForAgendaAsync(Id, HttpContext.RequestAborted)).Where(s => s.AwaitsCommitteeDecision)];
        }

        var first = Agreement.SignedOn?.Year ?? Today.Year;
        var last = Math.Min(Agreement.LastDayInForce?.Year ?? Today.Year, Today.Year + 1);
        Years = [.. Enumerable.Range(first, Math.Max(0, last - first + 1)).Reverse().Select(y => (y, CommitteeCalendar.For(Agreement, y, Meetings, Today)))];
    }

    public static string StatusLabel(MeetingStatus status) => status switch
    {
        MeetingStatus.Planned => "planifiée",
        MeetingStatus.Convened => "convoquée",
        MeetingStatus.Held => "tenue",
        _ => "annulée",
    };

    public static string Kept(bool? kept) => kept switch
    {
        true => "respecté",
        false => "non respecté",
        _ => "à venir",
    };
}

namespace Copil.Domain.Access;

/// <summary>The role a person holds in one agreement. A person may hold several, each a membership.</summary>
public enum AgreementRole
{
    /// <summary>Secrétariat du copil (the OPCO in the seed, art. 14).</summary>
    Secretariat = 0,

    /// <summary>Membre du copil, bound to a seat.</summary>
    CommitteeMember = 1,

    /// <summary>Direction relectrice (DGESCO, DGESIP), bound to the ministry it reviews for.</summary>
    ReviewingDirectorate = 2,

    /// <summary>Records the OPCO board's decisions.</summary>
    BoardRecorder = 3,

    /// <summary>Porteur d'action, bound to an organisation.</summary>
    ActionCarrier = 4,

    /// <summary>Invité ou expert, without a vote.</summary>
    Invitee = 5,

    /// <summary>Lecteur.</summary>
    Reader = 6,
}

/// <summary>What one may do within an agreement.</summary>
public enum AgreementPermission
{
    View = 0,
    EditAgreement = 1,
    RecordAmendment = 2,
    RecordTermination = 3,
    ManageMemberships = 4,
    ReadAudit = 5,

    /// <summary>See the action sheets (which ones: <see cref="ActionSheetAccess"/>).</summary>
    ViewActionSheets = 6,

    /// <summary>Draft, edit and submit action sheets, propose changes, write completion reports.</summary>
    CarryActions = 7,

    /// <summary>Give a ministry's opinion (for the ministry the membership is bound to).</summary>
    GiveOpinions = 8,

    /// <summary>Ask revisions, record committee decisions, start actions, accept reports, close.</summary>
    SteerActions = 9,

    /// <summary>Record the OPCO board's decisions.</summary>
    RecordBoardDecisions = 10,

    /// <summary>Vote for one's own seat in a written consultation (committee members; art. 13 and 14).</summary>
    VoteForSeat = 11,

    /// <summary>See the meetings of the committee, their agenda and working documents: the only right of an invitee.</summary>
    ViewMeetings = 12,

    /// <summary>Validate or comment the annual report for the party one answers for (art. 15).</summary>
    ValidateAnnualReport = 13,

    /// <summary>
    /// Read the dashboard, the annual reports and action plans: they name every action of the agreement, so a pure
    /// action carrier (who sees only its own sheets) does not, nor an invitee.
    /// </summary>
    ViewReports = 14,
}

/// <summary>Which role may do what, in one place. A platform administrator may do everything on every agreement.</summary>
public static class AgreementPermissions
{
    public static bool Allows(AgreementRole role, AgreementPermission permission) =>
        permission switch
        {
            // Invitees and experts attend meetings without a vote: they see the meetings and their documents, nothing else.
            AgreementPermission.View => role != AgreementRole.Invitee,
            AgreementPermission.ViewMeetings => true,
            AgreementPermission.EditAgreement
                or AgreementPermission.RecordAmendment
                or AgreementPermission.RecordTermination
                or AgreementPermission.ManageMemberships
                or AgreementPermission.ReadAudit
                or AgreementPermission.SteerActions => role == AgreementRole.Secretariat,
            AgreementPermission.ViewActionSheets => role != AgreementRole.Invitee,
            AgreementPermission.ViewReports => role is not (AgreementRole.Invitee or AgreementRole.ActionCarrier),
            AgreementPermission.CarryActions => role is AgreementRole.Secretariat or AgreementRole.ActionCarrier,
            AgreementPermission.GiveOpinions => role == AgreementRole.ReviewingDirectorate,
            AgreementPermission.RecordBoardDecisions => role is AgreementRole.Secretariat or AgreementRole.BoardRecorder,
            AgreementPermission.VoteForSeat => role == AgreementRole.CommitteeMember,
            AgreementPermission.ValidateAnnualReport => role is AgreementRole.ReviewingDirectorate or AgreementRole.CommitteeMember,
            _ => false,
        };

    public static bool Allows(IEnumerable<AgreementRole> roles, AgreementPermission permission) =>
        roles.Any(r => Allows(r, permission));

    public static string FrenchName(AgreementRole role) => role switch
    {
        AgreementRole.Secretariat => "Secrétariat",
        AgreementRole.CommitteeMember => "Membre du comité de pilotage",
        AgreementRole.ReviewingDirectorate => "Direction relectrice",
        AgreementRole.BoardRecorder => "Rapporteur du conseil d'administration",
        AgreementRole.ActionCarrier => "Porteur d'action",
        AgreementRole.Invitee => "Invité",
        AgreementRole.Reader => "Lecteur",
        _ => role.ToString(),
    };
}

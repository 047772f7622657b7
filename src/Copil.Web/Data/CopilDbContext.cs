using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Reference;
using Copil.Web.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Data;

/// <summary>
/// The one EF model, provider-neutral. Each provider has a one-line subclass with its own migrations
/// (<see cref="SqliteCopilDbContext"/>, <see cref="PostgresCopilDbContext"/>).
/// </summary>
public abstract class CopilDbContext(DbContextOptions options) : IdentityDbContext<CopilUser>(options), IDataProtectionKeyContext
{
    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Copil.Domain.Actions.ActionSheet> ActionSheets => Set<Copil.Domain.Actions.ActionSheet>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<TradesCampus> TradesCampuses => Set<TradesCampus>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Copil.Domain.Committee.Meeting> Meetings => Set<Copil.Domain.Committee.Meeting>();

    public DbSet<Copil.Domain.Committee.Minutes> Minutes => Set<Copil.Domain.Committee.Minutes>();

    public DbSet<Copil.Domain.Reporting.AnnualReport> AnnualReports => Set<Copil.Domain.Reporting.AnnualReport>();

    public DbSet<Copil.Domain.Reporting.AnnualPlan> AnnualPlans => Set<Copil.Domain.Reporting.AnnualPlan>();

    public DbSet<Copil.Domain.Communication.LogoAuthorization> LogoAuthorizations => Set<Copil.Domain.Communication.LogoAuthorization>();

    public DbSet<Copil.Domain.Communication.LogoUse> LogoUses => Set<Copil.Domain.Communication.LogoUse>();

    public DbSet<Copil.Domain.DigitalTools.DigitalTool> DigitalTools => Set<Copil.Domain.DigitalTools.DigitalTool>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CopilDbContext).Assembly);
    }
}

public sealed class SqliteCopilDbContext(DbContextOptions<SqliteCopilDbContext> options) : CopilDbContext(options);

public sealed class PostgresCopilDbContext(DbContextOptions<PostgresCopilDbContext> options) : CopilDbContext(options);

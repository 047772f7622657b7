using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Copil.Web.Data.Configurations;

/// <summary>One annual report per agreement and year; its versions and the signatories' answers are immutable records kept as JSON.</summary>
internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> builder)
    {
        builder.ToTable("AnnualReports");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AgreementId, r.Year }).IsUnique();
        builder.Property(r => r.Versions).HasJsonConversion();
        builder.Property(r => r.Responses).HasJsonConversion();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.CurrentVersion);
        builder.Ignore(r => r.SentVersion);
    }
}

internal sealed class AnnualPlanConfiguration : IEntityTypeConfiguration<AnnualPlan>
{
    public void Configure(EntityTypeBuilder<AnnualPlan> builder)
    {
        builder.ToTable("AnnualPlans");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(p => p.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.AgreementId, p.Year }).IsUnique();
        builder.Property(p => p.Priorities).HasMaxLength(AnnualPlan.MaxPrioritiesLength);
        builder.Property(p => p.DecidedAt).HasMaxLength(300);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

/// <summary>The years of an agreement that have actions, each with the stamp of its figures (ADR 18).</summary>
internal sealed class ReportingYearConfiguration : IEntityTypeConfiguration<Features.Reporting.ReportingYear>
{
    public void Configure(EntityTypeBuilder<Features.Reporting.ReportingYear> builder)
    {
        builder.ToTable("ReportingYears");
        builder.HasKey(r => new { r.AgreementId, r.Year });
        builder.HasOne<Agreement>().WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

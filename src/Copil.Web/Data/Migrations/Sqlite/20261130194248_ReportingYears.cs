using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Copil.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportingYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportingYears",
                columns: table => new
                {
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportingYears", x => new { x.AgreementId, x.Year });
                    table.ForeignKey(
                        name: "FK_ReportingYears_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The years that already have actions (ADR 18); stamp 0 until their first change.
            migrationBuilder.Sql("""
                INSERT INTO "ReportingYears" ("AgreementId", "Year", "Stamp")
                SELECT DISTINCT "AgreementId", "BudgetYear", 0 FROM "ActionSheets" WHERE "BudgetYear" IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportingYears");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Copil.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CeilingCommitmentStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CommitmentStamp",
                table: "YearlyCeilings",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommitmentStamp",
                table: "YearlyCeilings");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditDepartment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "operator_department",
                table: "audit_log",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "operator_department",
                table: "audit_log");
        }
    }
}

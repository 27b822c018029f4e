using System;
using Jumin.Storage;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.National.NumberGeneration.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "generated_numbers",
                columns: table => new
                {
                    number_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sealed_number = table.Column<string>(type: "TEXT", nullable: false),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    generated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    replaces = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_generated_numbers", x => x.number_hash);
                });

            migrationBuilder.CreateTable(
                name: "number_assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    individual_number = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_number_assignments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_generated_numbers_resident_code",
                table: "generated_numbers",
                column: "resident_code");

            migrationBuilder.CreateIndex(
                name: "ix_number_assignments_individual_number",
                table: "number_assignments",
                column: "individual_number");

            migrationBuilder.CreateIndex(
                name: "ix_number_assignments_resident_code_id",
                table: "number_assignments",
                columns: new[] { "resident_code", "id" });

            // Every number ever generated is kept, never changed or deleted (seed 004: 生成した個人番号は削除しない).
            foreach (var sql in AppendOnlyTriggers.Sqlite("generated_numbers", "number_assignments"))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.SqliteDrop("generated_numbers", "number_assignments"))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "generated_numbers");

            migrationBuilder.DropTable(
                name: "number_assignments");
        }
    }
}

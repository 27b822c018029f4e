using System;
using Jumin.Storage;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jumin.National.NumberGeneration.Migrations.Postgres
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
                    number_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sealed_number = table.Column<string>(type: "text", nullable: false),
                    resident_code = table.Column<string>(type: "text", nullable: false),
                    generated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    replaces = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_generated_numbers", x => x.number_hash);
                });

            migrationBuilder.CreateTable(
                name: "number_assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    resident_code = table.Column<string>(type: "text", nullable: false),
                    individual_number = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
            foreach (var sql in AppendOnlyTriggers.Postgres("generated_numbers", "number_assignments"))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.PostgresDrop("generated_numbers", "number_assignments"))
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

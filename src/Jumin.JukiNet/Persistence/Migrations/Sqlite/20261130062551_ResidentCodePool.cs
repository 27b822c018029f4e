using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.JukiNet.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResidentCodePool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resident_code_pool",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    handed_out_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    handed_to = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_code_pool", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_resident_code_pool_handed_out_at",
                table: "resident_code_pool",
                column: "handed_out_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "resident_code_pool");
        }
    }
}

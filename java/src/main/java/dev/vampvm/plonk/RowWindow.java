package dev.vampvm.plonk;

import dev.vampvm.field.Fp;

/**
 * A view of rows [offset, offset + rows) of an assignment as rows 0 … rows − 1: what each copy of a
 * {@link StackedCircuit} writes through. Cells handed out and taken in are in the window's own row numbers,
 * so a circuit sees exactly the world it would see alone with {@code rows} usable rows.
 */
final class RowWindow implements Assignment {

    private final Assignment table;
    private final int offset;
    private final int rows;

    RowWindow(Assignment table, int offset, int rows) {
        this.table = table;
        this.offset = offset;
        this.rows = rows;
    }

    private int abs(int row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside this copy's rows 0 … " + (rows - 1));
        }
        return offset + row;
    }

    private Cell abs(Cell cell) {
        return new Cell(cell.column(), abs(cell.row()));
    }

    private AssignedCell rel(AssignedCell cell) {
        return new AssignedCell(new Cell(cell.column(), cell.row() - offset), cell.value());
    }

    @Override
    public ConstraintSystem constraintSystem() {
        return table.constraintSystem();
    }

    @Override
    public int k() {
        return table.k();
    }

    @Override
    public int usableRows() {
        return rows;
    }

    @Override
    public boolean hasWitness() {
        return table.hasWitness();
    }

    @Override
    public AssignedCell assignAdvice(AdviceColumn column, int row, Fp value) {
        return rel(table.assignAdvice(column, abs(row), value));
    }

    @Override
    public AssignedCell assignFixed(FixedColumn column, int row, Fp value) {
        return rel(table.assignFixed(column, abs(row), value));
    }

    @Override
    public void enableSelector(Selector selector, int row) {
        table.enableSelector(selector, abs(row));
    }

    @Override
    public AssignedCell instance(InstanceColumn column, int row) {
        return rel(table.instance(column, abs(row)));
    }

    @Override
    public void copy(Cell left, Cell right) {
        table.copy(abs(left), abs(right));
    }

    @Override
    public AssignedCell assignConstant(AdviceColumn column, int row, Fp value) {
        return rel(table.assignConstant(column, abs(row), value));
    }

    @Override
    public void constrainConstant(Cell cell, Fp value) {
        table.constrainConstant(abs(cell), value);
    }

    @Override
    public void annotateRow(int row, String label) {
        table.annotateRow(abs(row), label);
    }
}

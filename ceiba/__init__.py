"""Ceiba: the software of Guatemala's Portal Nacional de Datos Abiertos."""
